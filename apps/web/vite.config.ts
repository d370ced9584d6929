import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    sveltekit({
      // The server imports build/handler.js and mounts it in Express beside Socket.IO.
      adapter: adapter({ out: 'build' }),
    }),
  ],
});
