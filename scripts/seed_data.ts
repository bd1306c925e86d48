// `npm run seed`: the same as `npm run cli -- seed`, kept under the name the product spec uses.
process.argv.splice(2, process.argv.length - 2, 'seed');
await import('../src/cli.js');
