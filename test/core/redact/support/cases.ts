// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` references are the test data.
/**
 * Per-rule cases in the style of gitleaks' `utils.Validate(r, tps, fps)` and trufflehog's
 * `Test<Name>_Pattern`: true positives generated from a seeded PRNG, placed in realistic
 * contexts, and hand-written near misses. Formats follow /work/shared/reference/secrets.md §2.
 */
import {
  ALNUM,
  BASE64,
  base64url,
  HEX,
  keyString,
  type Rng,
  UPPER_DIGITS,
  URLSAFE,
} from "./prng.js";

export interface Positive {
  text: string;
  /** The exact characters that must disappear. */
  secret: string;
  /** The prefix of `secret` shown before the marker ("" for a bare `[redacted]`). */
  keep: string;
  /** The kind reported when every rule runs, when another rule legitimately wins. */
  kind?: string;
}

export interface RuleCase {
  id: string;
  positive(rng: Rng): Positive;
  /** Near misses that every rule must leave byte for byte. */
  negatives: string[];
}

const place = (rng: Rng, secret: string, contexts: Array<(s: string) => string>): string =>
  rng.pick(contexts)(secret);

const digits = (rng: Rng, n: number) => `${rng.int(1, 9)}${rng.string("0123456789", n - 1)}`;

const pemBody = (rng: Rng, eol: string, indent = "") => {
  const lines = Array.from({ length: rng.int(3, 8) }, () => `${indent}${rng.string(BASE64, 64)}`);
  return `${eol}${lines.join(eol)}${eol}${indent}`;
};

/** Base64url without padding of a 18–19 digit snowflake: what a Discord token's first part is. */
const discordId = (rng: Rng) => Buffer.from(digits(rng, rng.int(18, 19))).toString("base64url");

export const CASES: RuleCase[] = [
  {
    id: "google-service-account-key",
    positive: (rng) => {
      const body = pemBody(rng, "\\n");
      const text = [
        "{",
        '  "type": "service_account",',
        '  "project_id": "demo-project-123",',
        `  "private_key_id": "${rng.string(HEX, 40)}",`,
        `  "private_key": "-----BEGIN PRIVATE KEY-----${body}-----END PRIVATE KEY-----\\n",`,
        '  "client_email": "bot@demo-project-123.iam.gserviceaccount.com",',
        '  "token_uri": "https://oauth2.googleapis.com/token"',
        "}",
      ].join("\n");
      return { text, secret: body, keep: "" };
    },
    negatives: [
      '"private_key": "${PRIVATE_KEY}"',
      '"private_key": ""',
      '"private_key_path": "/etc/gcp/key.json"',
      '"type": "service_account", "client_email": "bot@demo.iam.gserviceaccount.com"',
    ],
  },
  {
    id: "private-key-pem",
    positive: (rng) => {
      const type = rng.pick(["", "RSA ", "EC ", "OPENSSH ", "ENCRYPTED ", "DSA "]);
      const yaml = rng.next() < 0.3;
      const body = pemBody(rng, "\n", yaml ? "    " : "");
      const pem = `-----BEGIN ${type}PRIVATE KEY-----${body}-----END ${type}PRIVATE KEY-----`;
      const text = yaml
        ? `tls:\n  key: |\n    ${pem}\n  cert: server.crt\n`
        : `$ cat ~/.ssh/id_deploy\n${pem}\n$ ssh -i ~/.ssh/id_deploy host`;
      return { text, secret: body, keep: "" };
    },
    negatives: [
      "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZ2V0IHRoZSBjZXJ0\n-----END CERTIFICATE-----",
      "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
      "-----BEGIN PRIVATE KEY-----\n(paste yours here)",
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host",
    ],
  },
  {
    id: "google-api-key",
    positive: (rng) => {
      const secret = `AIzaSy${rng.string(URLSAFE, 33)}`;
      const text = place(rng, secret, [
        (s) => `GEMINI_API_KEY=${s}`,
        (s) => `{"apiKey": "${s}", "model": "gemini-2.5-flash"}`,
        (s) => `curl "https://generativelanguage.googleapis.com/v1beta/models?key=${s}&alt=sse"`,
        (s) => `GET /v1beta/models%3Fkey%3D${s}%26alt%3Dsse 429`,
        (s) => `export GOOGLE_API_KEY='${s}'`,
        (s) => `"msg":"using key\\n${s}\\n"`,
      ]);
      return { text, secret, keep: "AIza" };
    },
    negatives: [
      "OpenClaw: using key AIzaSyFA...00000000 for google",
      "GEMINI_API_KEY=$GEMINI_API_KEY",
      "the key starts with AIza and is 39 characters long",
      "AIzaSy-too-short-1234",
      "xAIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW",
      `AIza${"b".repeat(70)}`,
    ],
  },
  {
    id: "google-oauth-token",
    positive: (rng) => {
      if (rng.next() < 0.5) {
        const secret = `ya29.a0${rng.string(URLSAFE, rng.int(100, 200))}`;
        return { text: `Authorization: Bearer ${secret}`, secret, keep: "ya29." };
      }
      const secret = `1//0${rng.string(URLSAFE, rng.int(60, 100))}`;
      return {
        text: `{"refresh_token": "${secret}", "scope": "cloud-platform"}`,
        secret,
        keep: "1//0",
      };
    },
    negatives: ["ya29.short", "refresh_token: 1//0abc", "ratio 1//0 is undefined"],
  },
  {
    id: "google-oauth-client-secret",
    positive: (rng) => {
      const secret = `GOCSPX-${rng.string(URLSAFE, 28)}`;
      return {
        text: `{"client_id": "123.apps.googleusercontent.com", "client_secret": "${secret}"}`,
        secret,
        keep: "GOCSPX-",
      };
    },
    negatives: ["GOCSPX-", "prefix GOCSPX-abc is a Google client secret"],
  },
  {
    id: "anthropic-api-key",
    positive: (rng) => {
      const kind = rng.pick(["api03", "admin01", "oat01"]);
      const secret = `sk-ant-${kind}-${rng.string(URLSAFE, 93)}AA`;
      const text = place(rng, secret, [
        (s) => `ANTHROPIC_API_KEY=${s}`,
        (s) => `curl https://api.anthropic.com/v1/messages -H "x-api-key: ${s}"`,
        (s) => `client = anthropic.Anthropic(api_key="${s}")`,
      ]);
      return { text, secret, keep: `sk-ant-${kind}-` };
    },
    negatives: ["sk-ant-api03-short", "sk-ant-...", "keys look like sk-ant-"],
  },
  {
    id: "openrouter-api-key",
    positive: (rng) => {
      const secret = `sk-or-v1-${rng.string(HEX, 64)}`;
      return { text: `OPENROUTER_API_KEY=${secret}`, secret, keep: "sk-or-v1-" };
    },
    negatives: ["sk-or-v1-abc", "sk-or-v1-...", "OPENROUTER_API_KEY=sk-or-..."],
  },
  {
    id: "openai-api-key",
    positive: (rng) => {
      if (rng.next() < 0.25) {
        const secret = `sk-${rng.string(ALNUM, 20)}T3BlbkFJ${rng.string(ALNUM, 20)}`;
        return { text: `openai.api_key = "${secret}"`, secret, keep: "sk-" };
      }
      const prefix = rng.pick(["sk-proj-", "sk-svcacct-", "sk-admin-"]);
      const secret = `${prefix}${rng.string(URLSAFE, rng.int(120, 160))}`;
      const text = place(rng, secret, [
        (s) => `OPENAI_API_KEY=${s}`,
        (s) => `  File "app.py", line 3, in <module>\n    client = OpenAI(api_key="${s}")`,
        (s) => `curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer ${s}"`,
      ]);
      return { text, secret, keep: prefix };
    },
    negatives: [
      "OPENAI_API_KEY=sk-...",
      "Incorrect API key provided: sk-proj-****************************************W2xA.",
      "sk-proj-abc",
      "run task-list then desk-lamp",
      "sk-proj-…",
    ],
  },
  {
    id: "sk-api-key",
    positive: (rng) => {
      const secret = `sk-${keyString(rng, HEX, 32)}`;
      return { text: `DEEPSEEK_API_KEY=${secret}`, secret, keep: "sk-" };
    },
    negatives: [
      "pip install sk-learn-extra-package-name",
      "risk-assessment-framework-documents",
      "sk-12345",
      "the task-runner-configuration-file-2024 is fine",
    ],
  },
  {
    id: "groq-api-key",
    positive: (rng) => {
      const secret = `gsk_${rng.string(ALNUM, 52)}`;
      return { text: `GROQ_API_KEY="${secret}"`, secret, keep: "gsk_" };
    },
    negatives: ["gsk_short", "gsk_...", "gsk_ prefix"],
  },
  {
    id: "xai-api-key",
    positive: (rng) => {
      const secret = `xai-${rng.string(ALNUM, 80)}`;
      return { text: `XAI_API_KEY=${secret}`, secret, keep: "xai-" };
    },
    negatives: ["see xai-org/grok-1 on GitHub", "model xai-grok-beta", "xai-..."],
  },
  {
    id: "perplexity-api-key",
    positive: (rng) => {
      const secret = `pplx-${rng.string(ALNUM, 48)}`;
      return { text: `PERPLEXITY_API_KEY=${secret}`, secret, keep: "pplx-" };
    },
    negatives: ["model pplx-7b-online", "pplx-api", "pplx-..."],
  },
  {
    id: "huggingface-token",
    positive: (rng) => {
      const prefix = rng.pick(["hf_", "api_org_"]);
      const secret = `${prefix}${rng.string(ALNUM, 34)}`;
      return { text: `huggingface-cli login --token ${secret}`, secret, keep: prefix };
    },
    negatives: [
      "from huggingface_hub import hf_hub_download",
      "HF_HUB_ENABLE_HF_TRANSFER=1 pip install hf_transfer",
      "hf_...",
    ],
  },
  {
    id: "replicate-api-token",
    positive: (rng) => {
      const secret = `r8_${rng.string(URLSAFE, 37)}`;
      return { text: `REPLICATE_API_TOKEN=${secret}`, secret, keep: "r8_" };
    },
    negatives: ["r8_short", "r8_...", "engine r8_v2 build"],
  },
  {
    id: "aws-access-key-id",
    positive: (rng) => {
      const prefix = rng.pick(["AKIA", "ASIA"]);
      const secret = `${prefix}${rng.string("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`;
      return { text: `aws_access_key_id = ${secret}`, secret, keep: prefix };
    },
    negatives: [
      "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
      "AKIA1234",
      "AKIAPROJECTCONFIGURATIONNAMES",
      "aws configure list  access_key ****************QX7M shared-credentials-file",
    ],
  },
  {
    id: "azure-api-key",
    positive: (rng) => {
      const secret = rng.next() < 0.5 ? keyString(rng, HEX, 32) : keyString(rng, ALNUM, 84);
      const text = place(rng, secret, [
        (s) => `AZURE_OPENAI_API_KEY=${s}`,
        (s) => `azure_api_key: "${s}"`,
        (s) => `AzureOpenAIKey = '${s}'`,
      ]);
      return { text, secret, keep: "" };
    },
    negatives: [
      "AZURE_OPENAI_API_KEY=${AZURE_OPENAI_API_KEY}",
      "azure_key_vault_name=my-vault",
      "AZURE_OPENAI_ENDPOINT=https://myres.openai.azure.com/",
    ],
  },
  {
    id: "github-token",
    positive: (rng) => {
      if (rng.next() < 0.3) {
        const secret = `github_pat_${rng.string(ALNUM, 22)}_${rng.string(ALNUM, 59)}`;
        return { text: `GITHUB_TOKEN=${secret}`, secret, keep: "github_pat_" };
      }
      const prefix = rng.pick(["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]);
      const secret = `${prefix}${rng.string(ALNUM, 36)}`;
      return { text: `git clone https://${secret}@github.com/org/repo.git`, secret, keep: prefix };
    },
    negatives: [
      "gh auth status: Token: gho_************************************",
      "ghp_short",
      "ghp_...",
    ],
  },
  {
    id: "slack-token",
    positive: (rng) => {
      const pick = rng.int(0, 2);
      const secret =
        pick === 0
          ? `xoxb-${digits(rng, 11)}-${digits(rng, 13)}-${rng.string(ALNUM, 24)}`
          : pick === 1
            ? `xoxp-${digits(rng, 11)}-${digits(rng, 11)}-${digits(rng, 13)}-${rng.string(HEX, 32)}`
            : `xapp-1-A${rng.string(UPPER_DIGITS, 10)}-${digits(rng, 13)}-${rng.string(HEX, 64)}`;
      return {
        text: `slack:\n  bot_token: "${secret}"\n  channel: C012AB3CD`,
        secret,
        keep: secret.slice(0, 5),
      };
    },
    negatives: ["SLACK_BOT_TOKEN=xoxb-...", "xoxb-your-token", "xoxb-123-abc"],
  },
  {
    id: "slack-webhook",
    positive: (rng) => {
      const secret = `T${rng.string(UPPER_DIGITS, 8)}/B${rng.string(UPPER_DIGITS, 10)}/${rng.string(ALNUM, 24)}`;
      return { text: `SLACK_WEBHOOK=https://hooks.slack.com/services/${secret}`, secret, keep: "" };
    },
    negatives: [
      "post to https://hooks.slack.com/services/ with a JSON body",
      "https://api.slack.com/apps",
      "hooks.slack.com/services/T0000/B000",
    ],
  },
  {
    id: "discord-bot-token",
    positive: (rng) => {
      const secret = `${discordId(rng)}.${rng.string(URLSAFE, 6)}.${rng.string(URLSAFE, 38)}`;
      const text = place(rng, secret, [
        (s) => `DISCORD_TOKEN=${s}`,
        (s) => `{"discord": {"token": "${s}", "guild": "123456789012345678"}}`,
        (s) => `curl -H "Authorization: Bot ${s}" https://discord.com/api/v10/users/@me`,
      ]);
      return { text, secret, keep: "" };
    },
    negatives: [
      "MTIzNDU2Nzg5MDEyMzQ1Njc4.abc.def",
      "DISCORD_PUBLIC_KEY=8f2a6c1e9b3d4f5a7c8e0b1d2f3a4c5e6b7d8f9a0c1e2b3d4f5a6c7e8b9d0f1a",
      "<@123456789012345678> said hi in <#1234567890123456789>",
    ],
  },
  {
    id: "discord-webhook",
    positive: (rng) => {
      const secret = rng.string(URLSAFE, 68);
      const host = rng.pick(["discord.com/api", "discordapp.com/api", "discord.com/api/v10"]);
      return {
        text: `webhook: https://${host}/webhooks/${digits(rng, 18)}/${secret}`,
        secret,
        keep: "",
      };
    },
    negatives: [
      "https://discord.com/api/webhooks/123",
      "https://discord.com/developers/applications",
    ],
  },
  {
    id: "telegram-bot-token",
    positive: (rng) => {
      const secret = `${digits(rng, rng.int(9, 10))}:AA${rng.string(URLSAFE, 33)}`;
      const text = place(rng, secret, [
        (s) => `POST https://api.telegram.org/bot${s}/sendMessage 429 Too Many Requests`,
        (s) => `TELEGRAM_BOT_TOKEN=${s}`,
      ]);
      return { text, secret, keep: "" };
    },
    negatives: [
      "12:30:45 retry after 37s",
      "1234567890:short",
      "<@1234567890123456789>: AAHk2x9abcdefghijklmnopqrstuvwxyz12 ok",
    ],
  },
  {
    id: "stripe-secret-key",
    positive: (rng) => {
      const prefix = rng.pick(["sk_live_", "rk_live_", "sk_test_"]);
      const secret = `${prefix}${rng.string(ALNUM, rng.int(24, 99))}`;
      return { text: `stripe.api_key = "${secret}"`, secret, keep: prefix };
    },
    negatives: [
      "STRIPE_PUBLISHABLE_KEY=pk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv",
      "sk_live_short",
      "sk_live_...",
    ],
  },
  {
    id: "npm-token",
    positive: (rng) => {
      const secret = `npm_${rng.string(ALNUM, 36)}`;
      return { text: `//registry.npmjs.org/:_authToken=${secret}`, secret, keep: "npm_" };
    },
    negatives: ["npm_config_cache=/tmp/npm", "npm_lifecycle_event=test"],
  },
  {
    id: "jwt",
    positive: (rng) => {
      const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
      const payload = base64url(
        JSON.stringify({ sub: rng.string(ALNUM, 12), iat: rng.int(1.6e9, 1.8e9) }),
      );
      const secret = `${header}.${payload}.${rng.string(URLSAFE, 43)}`;
      return { text: `id_token=${secret}; Path=/; HttpOnly`, secret, keep: "eyJ" };
    },
    negatives: [
      "x-openclaw-context: eyJhZ2VudCI6Im1haW4iLCJzZXNzaW9uIjoiYWJjIn0",
      "eyJhbGciOiJIUzI1NiJ9",
      "eyJhbGci.eyJzdWIi.sig",
    ],
  },
  {
    id: "connection-string-password",
    positive: (rng) => {
      const secret = `${rng.pick(["p", "Q", "z"])}${keyString(rng, `${ALNUM}-_.~!`, rng.int(10, 24))}`;
      const text = place(rng, secret, [
        (s) => `DATABASE_URL=postgres://openclaw:${s}@db.internal:5432/openclaw`,
        (s) => `mongodb+srv://app:${s}@cluster0.abcde.mongodb.net/test?retryWrites=true`,
        (s) => `REDIS_URL=redis://:${s}@cache:6379/0`,
      ]);
      return { text, secret, keep: "" };
    },
    negatives: [
      "postgres://user:${DB_PASSWORD}@localhost/db",
      "postgres://user@localhost/db",
      "http://localhost:8080/path",
      "https://example.com:443/a@b",
      "postgres://openclaw:[redacted]@db.internal:5432/openclaw",
      "postgres://user:<password>@host/db",
    ],
  },
  {
    id: "url-key-param",
    positive: (rng) => {
      const secret = keyString(rng, ALNUM, rng.int(24, 40));
      const text = place(rng, secret, [
        (s) => `GET https://api.example.com/v1/models?api_key=${s}&limit=5`,
        (s) => `<https://api.example.com/hook?token=${s}|the hook>`,
        (s) => `https://api.example.com/x?a=1&amp;access_token=${s}&amp;b=2`,
        (s) => `GET /v1/things%3Fkey%3D${s}%26alt%3Djson HTTP/1.1`,
      ]);
      return { text, secret, keep: "" };
    },
    negatives: [
      "https://generativelanguage.googleapis.com/v1beta/models?key=YOUR_API_KEY",
      'curl "https://example.com/v1?key=$GEMINI_API_KEY"',
      "https://example.com/v1?key=${API_KEY}",
      "https://example.com/v1?key=<your key>",
      "https://example.com/list?page=2&sort_key=created_at",
      "https://example.com/v1?key=short",
      "https://example.com/v1?key=AIza…[redacted]",
      "https://example.com/v1?token=%API_TOKEN%",
    ],
  },
  {
    id: "bearer-token",
    positive: (rng) => {
      const secret = `t${keyString(rng, `${ALNUM}._~+/-`, rng.int(30, 60))}`;
      const text = place(rng, secret, [
        (s) => `curl -H "Authorization: Bearer ${s}" https://api.example.com/v1/usage`,
        (s) => `headers = {"X-Upstream": "Bearer ${s}"}`,
        (s) => `sending bearer ${s} to upstream`,
      ]);
      return { text, secret, keep: "" };
    },
    negatives: [
      "Authorization: Bearer $OPENAI_API_KEY",
      "Authorization: Bearer <token>",
      "Missing Bearer header, see docs",
      "Bearer authentication is required",
      '"token_type": "Bearer"',
      "Authorization: Bearer sk-...",
    ],
  },
  {
    id: "basic-auth",
    positive: (rng) => {
      const secret = Buffer.from(`${rng.string(ALNUM, 8)}:${keyString(rng, ALNUM, 16)}`).toString(
        "base64",
      );
      const text = place(rng, secret, [
        (s) => `curl -H 'Authorization: Basic ${s}' https://registry.example.com/v2/`,
        (s) => `> Proxy-Authorization: Basic ${s}`,
      ]);
      return { text, secret, keep: "" };
    },
    negatives: [
      "Basic Information",
      "see Basic usage below",
      "Authorization: Basic $CREDS",
      "Basic <base64>",
    ],
  },
  {
    id: "authorization-header",
    positive: (rng) => {
      const secret = `t${keyString(rng, ALNUM, rng.int(30, 50))}`;
      const text = place(rng, secret, [
        (s) => `Authorization: Token ${s}`,
        (s) => `{"headers": {"authorization": "${s}"}}`,
        (s) => `proxy-authorization: Negotiate ${s}`,
      ]);
      return { text, secret, keep: "" };
    },
    negatives: [
      "Authorization: ${TOKEN}",
      "authorization header missing",
      '"Authorization": "[REDACTED]"',
      '"Authorization": "Bearer YOUR_API_KEY_HERE_1234"',
    ],
  },
  {
    id: "api-key-header",
    positive: (rng) => {
      const secret = `k${keyString(rng, ALNUM, rng.int(31, 47))}`;
      const text = place(rng, secret, [
        (s) => `-H "x-api-key: ${s}"`,
        (s) => `X-Goog-Api-Key: ${s}`,
        (s) => `{"api-key": "${s}"}`,
        (s) => `xi-api-key: ${s}`,
      ]);
      return { text, secret, keep: "" };
    },
    negatives: [
      "x-api-key: ${ANTHROPIC_API_KEY}",
      "x-api-key: <your key>",
      "x-api-key: YOUR_API_KEY",
      "the api-key header is missing",
      '"x-api-key": "[REDACTED]"',
    ],
  },
  {
    id: "generic-password",
    positive: (rng) => {
      const secret = `${rng.pick(["h", "Q", "m"])}${keyString(rng, `${ALNUM}!#^+~.`, rng.int(7, 19))}`;
      const text = place(rng, secret, [
        (s) => `DB_PASSWORD=${s}`,
        (s) => `password: "${s}"`,
        (s) => `mysql --user root --password ${s} -h db`,
        (s) => `{"passwd": "${s}"}`,
        (s) => `  MYSQL_ROOT_PASSWORD: ${s}\n  MYSQL_DATABASE: app`,
      ]);
      return { text, secret, keep: "" };
    },
    negatives: [
      "password: ${DB_PASSWORD}",
      "password: <your password>",
      "password=********",
      "PASSWORD_MIN_LENGTH=12",
      "password_reset_url: https://example.com/reset",
      "Your password must be at least 8 characters",
      "bypass=enabled1",
      "--password-file /run/secrets/db",
      "OLDPWD=/home/user/projects",
      "compass: northeast2",
      "password = None",
      "password: changeme",
    ],
  },
  {
    id: "generic-secret",
    positive: (rng) => {
      const pick = rng.int(0, 4);
      const secret =
        pick === 0
          ? keyString(rng, ALNUM, 32)
          : pick === 1
            ? keyString(rng, HEX, rng.pick([32, 64]))
            : pick === 2
              ? keyString(rng, BASE64, 40)
              : keyString(rng, URLSAFE, rng.int(20, 60));
      const text = place(rng, secret, [
        (s) => `MISTRAL_API_KEY=${s}`,
        (s) => `{"secret": "${s}"}`,
        (s) => `openclaw gateway --token ${s}`,
        (s) => `aws_secret_access_key = ${s}`,
        (s) => `OPENCLAW_GATEWAY_TOKEN=${s}`,
        (s) => `SLACK_SIGNING_SECRET=${s}`,
        (s) => `mistral:\n  api_key: '${s}'`,
        (s) => `client_secret => "${s}"`,
      ]);
      return { text, secret, keep: "" };
    },
    negatives: [
      "sessionKey=agent:main:discord:1234567890",
      'cacheKey: "model:sha256:2c26b46b68ffc68f"',
      "apiKey = resolve(config)",
      '"nextPageToken": "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA3"',
      '"totalTokenCount": 49025',
      "max_tokens: 4096",
      '"refresh_token_expires_in": 7200',
      "TOKENIZERS_PARALLELISM=false",
      'public_key = "8f2a6c1e9b3d4f5a7c8e0b1d2f3a4c5e6b7d8f9a0c1e2b3d4f5a6c7e8b9d0f1a"',
      "credentialsId: '550e8400-e29b-41d4-a716-446655440000'",
      'api_key = os.environ["OPENAI_API_KEY"]',
      "OPENAI_API_KEY=${OPENAI_API_KEY}",
      "GEMINI_API_KEY=your-api-key-here",
      '"key": "x-ratelimit-remaining-requests"',
      "token: abcdefghijklmnopqrstuvwxyz",
      "secret: aaaaaaaaaaaaaaaaaaaaaaaa1",
      "keyPressed = event.key",
      '"idempotency_key": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"',
      "token_count=123456789012345678",
    ],
  },
];
