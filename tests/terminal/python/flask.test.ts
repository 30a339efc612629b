import { afterEach, describe, expect, it } from 'vitest';
import { pageCookieHeader, pageServers, setCookiesOf } from '../../../src/emulator/page-servers';
import { createSandbox } from '../../../src/emulator/sandbox';
import { createLabShell } from '../../../src/terminal/shell';
import { type Running, startInShell } from './served-app';

/** Real CPython (Pyodide) starts once per file, in the first test that runs python3: a few seconds. */
const slow = { timeout: 120_000 };

let running: Running | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** Serves `source` as ~/app.py with `python3 app.py` (its last lines call app.run()). */
async function serve(source: string, command = 'python3 app.py') {
  running = await startInShell(command, {
    files: { '/home/learner/app.py': `from flask import *\napp = Flask(__name__)\napp.secret_key = "s"\n${source}` },
  });
  return running;
}

const run = '\nif __name__ == "__main__":\n    app.run()\n';

/** An app with a page that shows flashed messages, a form that flashes, and an upload that reports the file. */
const formsApp = `
@app.get("/")
def index():
    return "messages: " + ", ".join(get_flashed_messages())

@app.post("/say")
def say():
    flash("said " + request.form["words"])
    return redirect(url_for("index"))

@app.post("/upload")
def upload():
    photo = request.files.get("photo")
    data = photo.read()
    return f"{photo.filename} {photo.mimetype} {len(data)} {data[:4].hex()} {request.form.get('note')}"
${run}`;

describe("the lab terminal's Flask", () => {
  it('prints Flask’s banner and serves the app at http://127.0.0.1:5000', slow, async () => {
    const app = await serve(`@app.get("/")\ndef index():\n    return "hello"\n${run}`);
    expect(app.screen()).toContain(" * Serving Flask app 'app'\n * Debug mode: off\n");
    expect(app.screen()).toContain(' * Running on http://127.0.0.1:5000\n');
    const response = await app.fetch('http://localhost:5000/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe('hello');
  });

  it('logs each request as werkzeug does, while the app runs', slow, async () => {
    const app = await serve(`@app.get("/")\ndef index():\n    return "hello"\n${run}`);
    await app.fetch('http://localhost:5000/?page=2');
    expect(app.screen()).toMatch(
      /127\.0\.0\.1 - - \[\d\d\/\w{3}\/\d{4} \d\d:\d\d:\d\d\] "GET \/\?page=2 HTTP\/1\.1" 200 -\n/,
    );
  });

  it('passes a rule’s variables to the view, converted', slow, async () => {
    const app = await serve(
      `@app.get("/photos/<int:number>/<name>")\ndef photo(number, name):\n    return repr((number, name))\n${run}`,
    );
    expect(await (await app.fetch('http://localhost:5000/photos/7/cat')).text()).toBe("(7, 'cat')");
  });

  it('answers a path no rule matches with werkzeug’s 404 page', slow, async () => {
    const app = await serve(`@app.get("/")\ndef index():\n    return "hello"\n${run}`);
    const response = await app.fetch('http://localhost:5000/nowhere');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<title>404 Not Found</title>');
  });

  it('answers a method the rule does not take with 405 and Allow', slow, async () => {
    const app = await serve(`@app.get("/")\ndef index():\n    return "hello"\n${run}`);
    const response = await app.fetch('http://localhost:5000/', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('answers the status of a (body, status) tuple', slow, async () => {
    const app = await serve(`@app.get("/")\ndef index():\n    return "gone", 410\n${run}`);
    expect((await app.fetch('http://localhost:5000/')).status).toBe(410);
  });

  it('answers abort(403) with werkzeug’s Forbidden page', slow, async () => {
    const app = await serve(`@app.get("/")\ndef index():\n    abort(403)\n${run}`);
    const response = await app.fetch('http://localhost:5000/');
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<h1>Forbidden</h1>');
  });

  it('answers 500 for a view that raises, and prints its traceback', slow, async () => {
    const app = await serve(`@app.get("/")\ndef index():\n    return 1 / 0\n${run}`);
    expect((await app.fetch('http://localhost:5000/')).status).toBe(500);
    expect(app.screen()).toContain('ERROR in app: Exception on / [GET]');
    expect(app.screen()).toContain('ZeroDivisionError: division by zero');
  });

  it('says render_template needs Jinja, which the page has not, and how to build the page instead', slow, async () => {
    const app = await serve(`@app.get("/")\ndef index():\n    return render_template("index.html")\n${run}`);
    expect((await app.fetch('http://localhost:5000/')).status).toBe(500);
    expect(app.screen()).toContain("the lab terminal's Flask has no Jinja templates. Build the page as a string");
  });

  it('reads the query string as request.args', slow, async () => {
    const app = await serve(`@app.get("/")\ndef index():\n    return request.args.get("q", "none")\n${run}`);
    expect(await (await app.fetch('http://localhost:5000/?q=cats')).text()).toBe('cats');
  });

  it('redirects to the view url_for names', slow, async () => {
    const app = await serve(formsApp);
    const response = await app.fetch('http://localhost:5000/say', {
      method: 'POST',
      body: new URLSearchParams({ words: 'hi' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/');
  });

  it('shows a flashed message on the next page, once, through the session cookie', slow, async () => {
    const app = await serve(formsApp);
    const said = await app.fetch('http://localhost:5000/say', {
      method: 'POST',
      body: new URLSearchParams({ words: 'hi' }),
      redirect: 'manual',
    });
    const cookie = said.headers.get('set-cookie')!.split(';')[0]!;
    const next = await app.fetch('http://localhost:5000/', { headers: { cookie } });
    expect(await next.text()).toBe('messages: said hi');
    const cleared = next.headers.get('set-cookie')!.split(';')[0]!;
    expect(await (await app.fetch('http://localhost:5000/', { headers: { cookie: cleared } })).text()).toBe(
      'messages: ',
    );
  });

  it(
    'reads the session from the cookies the preview sends under its own header, as a browser page must',
    slow,
    async () => {
      const app = await serve(formsApp);
      const said = await app.fetch('http://localhost:5000/say', {
        method: 'POST',
        body: new URLSearchParams({ words: 'hi' }),
        redirect: 'manual',
      });
      const cookie = setCookiesOf(said)[0]!.split(';')[0]!;
      const next = await app.fetch('http://localhost:5000/', { headers: { [pageCookieHeader]: cookie } });
      expect(await next.text()).toBe('messages: said hi');
    },
  );

  it('ignores a session cookie whose signature does not match', slow, async () => {
    const app = await serve(formsApp);
    const forged = `session=${Buffer.from('{"_flashes":[["message","forged"]]}').toString('base64url')}.AAAA`;
    expect(await (await app.fetch('http://localhost:5000/', { headers: { cookie: forged } })).text()).toBe(
      'messages: ',
    );
  });

  it(
    'hands an uploaded file over with its filename, type and exact bytes, beside the form’s fields',
    slow,
    async () => {
      const app = await serve(formsApp);
      const form = new FormData();
      form.append('note', 'a cat');
      const bytes = new Uint8Array([0x89, 0x50, 0x0d, 0x0a, ...Array.from({ length: 60 }, (_, i) => (i * 37) % 256)]);
      form.append('photo', new Blob([bytes], { type: 'image/png' }), 'cat.png');
      const response = await app.fetch('http://localhost:5000/upload', { method: 'POST', body: form });
      expect(await response.text()).toBe('cat.png image/png 64 89500d0a a cat');
    },
  );

  it('refuses a body larger than MAX_CONTENT_LENGTH with 413', slow, async () => {
    const app = await serve(`app.config["MAX_CONTENT_LENGTH"] = 10\n${formsApp}`);
    const response = await app.fetch('http://localhost:5000/say', {
      method: 'POST',
      body: new URLSearchParams({ words: 'far too many words' }),
    });
    expect(response.status).toBe(413);
  });

  it('stops listening when Ctrl-C ends the program', slow, async () => {
    const app = await serve(`@app.get("/")\ndef index():\n    return "hello"\n${run}`);
    await app.stop();
    running = undefined;
    expect(pageServers.handlerFor(new URL('http://localhost:5000/'))).toBeUndefined();
  });

  it('says the port is in use, as werkzeug does, when another server has it', slow, async () => {
    const other = pageServers.listen({ host: '127.0.0.1', port: 5000 }, async () => new Response('other'));
    if ('problem' in other) throw new Error(other.problem.message);
    try {
      const shell = createLabShell({ sandbox: createSandbox() });
      await shell.fs.writeFile('/home/learner/app.py', 'from flask import Flask\nFlask(__name__).run(port=5000)\n');
      const result = await shell.run('python3 app.py');
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(
        'Address already in use\nPort 5000 is in use by another program. Either identify and stop that program, or ' +
          'start the server with a different port.',
      );
    } finally {
      other.close();
    }
  });

  it('serves the app flask --app names, on the --host and --port given', slow, async () => {
    const app = await serve(
      `@app.get("/")\ndef index():\n    return "from flask run"\n`,
      'flask --app app run --host 0.0.0.0 --port 5001',
    );
    expect(app.screen()).toContain(' * Running on all addresses (0.0.0.0)\n * Running on http://127.0.0.1:5001\n');
    expect(await (await app.fetch('http://127.0.0.1:5001/')).text()).toBe('from flask run');
  });

  it('says flask cannot import an app that is not there, exit 2', slow, async () => {
    const result = await createLabShell({ sandbox: createSandbox() }).run('flask --app nothere run');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("Error: Could not import 'nothere'.");
  });
});
