import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    // The first screen's chunk is antd's form components with React (~730 kB before gzip, ~230 kB
    // after); its size is watched by `pnpm bench` against a bare antd page, not by this warning.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        // Everything the first screen needs statically in one chunk (it compresses better than
        // the automatic split); the lazily loaded pages stay in their own chunks.
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
});
