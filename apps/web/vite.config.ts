import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = "http://localhost:3000";

export default defineConfig({
  plugins: [react()],
  // recharts (behind @mantine/charts) needs the react-is of the React in use (19), not the 16 that prop-types hoists.
  resolve: { dedupe: ["react-is"] },
  server: {
    port: 5173,
    strictPort: true,
    // `npm run dev`: the API runs on :3000 (npm run dev -w @shortlist/server); same-origin paths as in production.
    proxy: {
      "/trpc": { target: api },
      "/api": { target: api },
    },
  },
});
