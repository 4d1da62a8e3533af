console.log('breachless: placeholder');
