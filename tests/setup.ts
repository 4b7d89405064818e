// Loaded before every test file: DOM matchers for component tests (harmless under node).
import '@testing-library/jest-dom/vitest';
