/* The PostgreSQL of a mutation run comes from scripts/mutation-testing.js (KP_TEST_PG_URL). */
module.exports = async function mutationGlobalSetup() {
  if (!process.env.KP_TEST_PG_URL)
    throw new Error('KP_TEST_PG_URL is not set: run mutation testing through `npm run test:mutation`');
};
