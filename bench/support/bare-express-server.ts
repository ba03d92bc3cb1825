import express from 'express';

/**
 * The ingest benchmark's baseline: Express reading the raw body (the same 1 MiB parser) and
 * answering 202, nothing else. Run as a child process: `node bare-express-server.js <port>`.
 */
const app = express();
app.post('/webhooks/distribution', express.raw({ type: () => true, limit: '1mb' }), (_req, res) => {
  res.status(202).json({ accepted: 1 });
});
app.listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('ready\n'));
