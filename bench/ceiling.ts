// The ceiling: the same HTTP stack (Fastify, one JSON route) doing nothing at all. Measured in the
// same run with the same load generator, it tells how much of the machine the load generator and
// the loopback leave to any server; every product figure is reported as a share of it.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({}));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
