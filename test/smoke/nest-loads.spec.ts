import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller('ping')
class PingController {
  @Get() ping() {
    return { pong: true };
  }
}
@Module({ controllers: [PingController] })
class PingModule {}

it('boots nest on fastify under jest', async () => {
  const app = await NestFactory.create<NestFastifyApplication>(PingModule, new FastifyAdapter(), { logger: false });
  await app.init();
  const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/ping' });
  expect(res.json()).toEqual({ pong: true });
  await app.close();
});
