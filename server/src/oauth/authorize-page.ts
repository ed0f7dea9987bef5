/** HTML for the sign-in and consent page. Every interpolated value goes through escapeHtml. */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`=]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const SCOPE_TEXT: Record<string, string> = {
  'user:info': 'See your nickname',
  external_account: 'Create accounts and upload recordings',
  'voice:list': 'List the voices you may use',
  'voice:synthesis': 'Turn text into speech with your voices',
  'voice:download': 'Download voices and licenses',
  voice_build: 'Request voice builds',
};

const STYLE = `body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1b1b1f}
h1{font-size:1.4rem}label{display:block;margin:.8rem 0 .2rem}input[type=text],input[type=password]{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
.actions{display:flex;gap:.8rem;margin-top:1.2rem}button{font-size:1rem;padding:.55rem 1.2rem;cursor:pointer}
.error{color:#a10000;background:#fde8e8;padding:.6rem;border-radius:4px}ul{padding-left:1.2rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export interface ConsentPageInput {
  clientName: string;
  /** Host of the redirect_uri: who receives the authorization (an extension id for the public client). */
  receiverHost: string;
  scopes: string[];
  /** Authorization request parameters, echoed as hidden fields. */
  hidden: Record<string, string>;
  csrf: string;
  /** Signed-in user's nickname, or undefined to ask for username and password. */
  signedInAs?: string;
  error?: string;
  usernameHint?: string;
}

export function renderConsentPage(p: ConsentPageInput): string {
  const hidden = Object.entries(p.hidden)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const scopes = p.scopes
    .map((s) => `<li>${escapeHtml(SCOPE_TEXT[s] ?? s)} <small>(${escapeHtml(s)})</small></li>`)
    .join('');
  const who = p.signedInAs
    ? `<p>Signed in as <strong>${escapeHtml(p.signedInAs)}</strong>.</p>`
    : `<label for="username">Username</label><input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(p.usernameHint ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>`;
  return page(
    'Sign in to VocaliD',
    `<h1>Allow ${escapeHtml(p.clientName)} to use your VocaliD account?</h1>
${p.error ? `<p class="error" role="alert">${escapeHtml(p.error)}</p>` : ''}
<p>${escapeHtml(p.clientName)} asks to:</p><ul>${scopes}</ul>
<p>If you allow, access is sent to <strong>${escapeHtml(p.receiverHost)}</strong>. Allow only if that is the app you are signing in to.</p>
<form method="post">${hidden}<input type="hidden" name="csrf" value="${escapeHtml(p.csrf)}">${who}
<div class="actions"><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button></div></form>`,
  );
}

export function renderErrorPage(message: string): string {
  return page(
    'Authorization error',
    `<h1>This sign-in link does not work</h1><p class="error" role="alert">${escapeHtml(message)}</p>
<p>Go back to the app that sent you here and try again.</p>`,
  );
}
