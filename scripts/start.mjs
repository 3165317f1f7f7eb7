// Placeholder until the local demo lands: says how to run the action.
console.log('Run the action: build with `npm run build`, then run dist/index.js with INPUT_* variables set.');
