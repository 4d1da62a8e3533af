/**
 * The console's stylesheet, served as `/assets/console.css`. Colours pass WCAG AA contrast;
 * state is never told by colour alone (every status is also a word or a pattern).
 */
export const CONSOLE_STYLE = `
:root { font-family: system-ui, sans-serif; color: #1a1a1a; background: #fff; }
body { margin: 0; }
header { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; padding: .5rem 1rem; background: #12324f; color: #fff; }
header a, header button { color: #fff; }
header nav { display: flex; gap: 1rem; }
header a[aria-current=page] { font-weight: bold; text-decoration-thickness: 3px; }
header button { background: transparent; border: 1px solid #fff; border-radius: 3px; padding: .2rem .5rem; cursor: pointer; }
.brand { font-weight: bold; }
.who { margin-left: auto; font-size: .9rem; }
main { padding: 1rem; max-width: 90rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: .5rem; background: #fff; color: #000; padding: .3rem; z-index: 1; }
:focus-visible { outline: 3px solid #c25400; outline-offset: 2px; }
form.inline, form.actions { display: inline; }
.filters { display: flex; gap: .75rem; flex-wrap: wrap; align-items: end; margin-bottom: 1rem; }
label { display: inline-flex; flex-direction: column; font-size: .9rem; gap: .2rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .4rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
button { font: inherit; padding: .2rem .5rem; }
.actions button { font-size: .8rem; margin: 0 .2rem .2rem 0; }
.ack { display: block; font-size: .8rem; color: #444; }
textarea { width: 100%; font-family: ui-monospace, monospace; font-size: .85rem; }
.ok { color: #11602b; }
.problems { color: #8a1010; }
.better { color: #11602b; }
.worse { color: #8a1010; }
.error { border: 2px solid #8a1010; padding: .5rem 1rem; }
pre.diff { background: #f4f4f4; padding: .5rem; overflow: auto; }
pre.diff .add { background: #dff5e3; }
pre.diff .del { background: #fbe0e0; }
svg text { font-size: 11px; fill: #1a1a1a; }
.legend { font-size: .85rem; }
`;
