const sources = import.meta.glob<string>('./site-packages/**/*.py', { query: '?raw', import: 'default', eager: true });

/**
 * The Python modules the page adds to Pyodide's site-packages, by path there: our boto3 and botocore, and the
 * terminal's runner (`_lab_python.py`). Vite bundles them as text with the Python runtime's own chunk.
 */
export const pythonSources: Record<string, string> = Object.fromEntries(
  Object.entries(sources).map(([path, text]) => [path.slice('./site-packages/'.length), text]),
);
