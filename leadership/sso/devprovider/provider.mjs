// A local OpenID Provider for trying and testing "Sign in with your district account".
//
// It is the certified `oidc-provider` package (package.json, devDependencies) with a small
// sign-in page in front of it. Deep Bench starts it from Python (leadership/sso/devprovider/
// __init__.py): `node provider.mjs CONFIG.json`, where the JSON file holds
//
//   port            0 for any free port; the issuer is http://127.0.0.1:<port>
//   clients         [{client_id, client_secret, redirect_uris}]
//   users           [{sub, email, password, name, email_verified}]
//   id_token_ttl    seconds an ID token is valid (default 600)
//   misbehave       optional, to prove that Deep Bench refuses a provider that gets it wrong:
//                   "wrong-issuer"  the tokens carry another issuer than the discovery document names
//                   "bad-signature" the published key set holds another key under the same kid
//                   "slow-token"    the token endpoint answers 2.5 s late (with id_token_ttl 1:
//                                   an ID token that has expired when Deep Bench reads it)
//
// Once listening it prints one line of JSON, {"issuer": "http://127.0.0.1:<port>"}, and then
// runs until it is stopped.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const users = config.users || [];
const misbehave = config.misbehave || '';

function signingKey(kid) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const extra = { kid, alg: 'RS256', use: 'sig' };
  return {
    private: { ...privateKey.export({ format: 'jwk' }), ...extra },
    public: { ...publicKey.export({ format: 'jwk' }), ...extra },
  };
}

const key = signingKey('deep-bench-local');
const impostor = signingKey('deep-bench-local');

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function loginPage(uid, clientName, error = '', email = '') {
  const alert = error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · Local identity provider</title>
<style>body{font-family:sans-serif;max-width:26rem;margin:3rem auto;color:#1b1b1b}
label{display:block;margin-top:1rem}input{width:100%;padding:.4rem;font-size:1rem}
button{margin-top:1.2rem;padding:.5rem 1rem;font-size:1rem}.error{color:#a30000}</style></head>
<body><main><h1>Local identity provider</h1>
<p>${escapeHtml(clientName)} asks who you are. This provider runs on your own computer, for
trying Deep Bench and for its tests.</p>${alert}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" value="${escapeHtml(email)}" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in to the identity provider</button>
</form></main></body></html>`;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(parseQuery(data)));
    req.on('error', reject);
  });
}

const server = createServer();
server.listen(config.port || 0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const signsAs = misbehave === 'wrong-issuer' ? `${issuer}/someone-else` : issuer;
  const provider = new Provider(signsAs, {
    clients: (config.clients || []).map((client) => ({
      client_id: client.client_id,
      client_secret: client.client_secret,
      client_name: client.client_name || 'Deep Bench',
      redirect_uris: client.redirect_uris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    jwks: { keys: [key.private] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
    },
    // Deep Bench must send a PKCE challenge: a request without one is refused.
    pkce: { required: () => true, methods: ['S256'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { IdToken: config.id_token_ttl || 600 },
    async findAccount(ctx, sub) {
      const user = users.find((u) => u.sub === sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          const [given, ...family] = (user.name || '').split(' ');
          return {
            sub,
            email: user.email,
            email_verified: user.email_verified !== false,
            name: user.name,
            given_name: given,
            family_name: family.join(' '),
          };
        },
      };
    },
  });

  provider.use(async (ctx, next) => {
    const found = ctx.path.match(/^\/interaction\/([^/]+)(\/login)?$/);
    if (!found) {
      await next();
      if (misbehave === 'wrong-issuer' && ctx.path === '/.well-known/openid-configuration') {
        ctx.body = { ...ctx.body, issuer };
      }
      if (misbehave === 'bad-signature' && ctx.path === '/jwks') {
        ctx.body = { keys: [impostor.public] };
      }
      if (misbehave === 'slow-token' && ctx.path === '/token') {
        await new Promise((resolve) => { setTimeout(resolve, 2500); });
      }
      return;
    }
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const client = await provider.Client.find(details.params.client_id);
    if (details.prompt.name === 'consent') {
      // Deep Bench is the district's own application: no consent screen.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: client.clientId });
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      await provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId } }, {
        mergeWithLastSubmission: true,
      });
      ctx.respond = false;
      return;
    }
    if (ctx.method === 'POST' && found[2]) {
      const form = await readBody(ctx.req);
      const email = String(form.email || '').trim().toLowerCase();
      const user = users.find((u) => u.email.toLowerCase() === email);
      if (!user || user.password !== form.password) {
        ctx.type = 'html';
        ctx.body = loginPage(details.uid, client.clientName, 'That email and password do not match.', email);
        return;
      }
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: user.sub } }, {
        mergeWithLastSubmission: false,
      });
      ctx.respond = false;
      return;
    }
    ctx.type = 'html';
    ctx.body = loginPage(details.uid, client.clientName);
  });

  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

// Stopped: nothing to save (grants live in memory), so leave at once, open connections or not.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
