import { describe, expect, it } from "vitest";
import { claimExtractor } from "../../src/core/evidence/claim-evidence.js";
import { loadKnowledge } from "../../src/knowledge/load.js";

const kb = loadKnowledge();
const claimIds = (text: string) =>
  claimExtractor(text, { source: { message: 0 }, kb, now: new Date("2026-12-01T00:00:00Z") }).map(
    (e) => (e.kind === "claim" ? e.id : ""),
  );

type Cases = Record<string, string[]>;

/** Each sentence must yield its claim id (other ids may fire too). */
function expectEach(cases: Cases) {
  for (const [id, sentences] of Object.entries(cases)) {
    for (const sentence of sentences) {
      it(`${id} ← ${sentence.slice(0, 70)}`, () => {
        expect(claimIds(sentence)).toContain(id);
      });
    }
  }
}

/** Each sentence must yield none of the listed ids ("*": no claim at all). */
function expectNone(cases: Array<[string, string[]]>) {
  for (const [sentence, ids] of cases) {
    it(`nothing wrong ← ${sentence.slice(0, 70)}`, () => {
      const found = claimIds(sentence);
      if (ids.includes("*")) expect(found).toEqual([]);
      else for (const id of ids) expect(found).not.toContain(id);
    });
  }
}

describe("lexicons load", () => {
  it("es, pt and de cover the same claim ids as en", () => {
    const byLang = (lang: string) =>
      new Set(kb.claims.filter((c) => c.language === lang).map((c) => c.id));
    const en = byLang("en");
    for (const lang of ["es", "pt", "de"]) {
      const ids = byLang(lang);
      expect([...en].filter((id) => !ids.has(id))).toEqual([]);
    }
  });
});

describe("Spanish claims", () => {
  expectEach({
    "output_reservation=max_tokens_trigger": [
      "Con max_tokens mayor a 8192 Bedrock devuelve 429 enseguida",
    ],
    "window=minute": [
      "Me salta el error de límite por minuto cada vez que mando más de tres prompts seguidos",
      "Según la consola tengo 50 peticiones al minuto y las supero enseguida",
    ],
    "window=day": [
      "Ya gasté la cuota diaria de Gemini y son apenas las 10 de la mañana",
      "El límite de 250 solicitudes por dia se me acaba en una hora",
      "Con el modelo preview llego al límite de RPD=250 antes del mediodía",
      "dice que se reinicia a medianoche hora del Pacífico",
    ],
    "window=week": [
      "Llegué al limite semanal el martes y no se reinicia hasta el lunes",
      "¿Alguien sabe cuánto es el cupo semanal del plan Pro?",
    ],
    "window=month": [
      "Mi presupuesto mensual de la API se agotó a mitad de mes",
      "La cuota del mes ya está consumida",
    ],
    "window=five_hour": ["Otra vez la ventana de 5 horas, me bloquea en plena tarea"],
    "dimension=tokens": ["El problema es el límite de tokens, no el número de llamadas"],
    "dimension=requests": ["El error habla de demasiadas solicitudes aunque hago muy pocas"],
    "dimension=input_tokens": ["Me quedo sin tokens de entrada porque el historial es enorme"],
    "tier=free": [
      "Estoy en el plan gratuito de Gemini con una API key de AI Studio",
      "Uso la versión gratis, ¿por eso me pasa?",
      "sigo con los créditos de prueba que te dan al registrarte",
    ],
    "tier=paid": [
      "Estamos en tier 2 desde hace meses",
      "Es una cuenta de pago con pago por uso en la API",
    ],
    "tier=subscription": [
      "Tengo plan de pago y aun así me limita",
      "Contraté ChatGPT Plus la semana pasada y ya llegué al tope",
      "Soy usuario Max y el límite de la suscripción se me acaba en dos horas",
    ],
    zero_quota: [
      "En la consola la cuota está en 0 para ese modelo",
      "El error dice límite: 0, como si no tuviera acceso",
    ],
    credits: [
      "Me quedé sin saldo en OpenRouter y ahora todo da 402",
      "Recargué 10 dólares de créditos y sigue igual",
      "El mensaje dice saldo insuficiente pero tengo dinero en la cuenta",
    ],
    billing_disabled: [
      "No tengo método de pago configurado en Google Cloud",
      "Hay que activar la facturación del proyecto para salir del free tier",
    ],
    spend_cap: ["Creo que el admin puso un límite de gasto muy bajo en la organización"],
    auth_failure: [
      "Me responde que la clave de API es inválida aunque la acabo de generar",
      "Acceso denegado al intentar llamar al endpoint de embeddings",
      "La API key está caducada, según el panel",
    ],
    "tool_defect=cooldown_scope": [
      "Cuando el modelo pequeño se queda sin cuota, la herramienta bloquea todo el proveedor y el grande ni se prueba",
      "Un 429 en Haiku deja todos los modelos en cooldown",
    ],
    "tool_defect=cooldown_persistence": [
      "El cooldown sigue activo horas después de que el proveedor ya respondía bien",
      "Tuve que borrar el archivo de estado a mano para que volviera a funcionar",
      "Cada mensaje nuevo reinicia el cooldown y nunca termina",
    ],
    "tool_defect=wrong_reason": [
      "Lo muestra como rate limit cuando en realidad era un error de DNS",
      "El mensaje engañoso hace pensar que es cuota, pero era el proxy",
    ],
    "tool_defect=no_failover": [
      "El fallback nunca se activa, aunque tengo tres modelos configurados",
      "No cambia al modelo de respaldo cuando el principal devuelve 429",
      "Solo intenta el modelo principal y después se rinde",
    ],
    "tool_defect=hang": [
      "Después del 429 el agente se queda colgado hasta que salta el timeout",
      "La interfaz se congela y no responde nada",
    ],
    "tool_defect=retry_gap": [
      "El cliente no reintenta nunca, ni siquiera con un 529",
      "Ignora el retry-after que manda la API y aborta toda la ejecución",
    ],
    "tool_defect=quota_display": [
      "La barra de uso muestra 100% gastado pero en la web del proveedor casi no he usado nada",
    ],
    "tool_defect=false_rate_limit": [
      "La misma key funciona perfecto con curl desde esta máquina",
      "Acabo de instalar la extensión y ya me da rate limit en el primer mensaje",
    ],
    "tool_defect=retry_non_retryable": [
      "Sigue reintentando errores de facturación que nunca se van a arreglar solos",
    ],
    bug_report: [
      "### Pasos para reproducir\n1. Configurar dos modelos\n2. Esperar el 429",
      "Versión 1.2\n### Comportamiento esperado\nQue cambie de modelo",
      "**Comportamiento actual**\nSe queda esperando",
    ],
    fan_out: [
      "Lanzo 12 subagentes en paralelo y a los pocos segundos empiezan los 429",
      "Estoy indexando 3000 documentos con embeddings y revienta la cuota",
    ],
    schedule_collision: [
      "Tengo varios cron que arrancan a la misma hora y ahí es cuando falla todo",
    ],
    retry_loop: [
      "Se mete en un bucle infinito de reintentos y me quema la cuota",
      "El SDK reintenta sin esperar y lo empeora",
    ],
    concurrency: [
      "Creo que supero el límite de concurrencia porque abro muchas pestañas",
      "Demasiadas peticiones simultáneas según el mensaje de error",
    ],
    overload: [
      "La API está sobrecargada desde esta mañana",
      "Sale un aviso de alta demanda y después falla",
      "El servidor está saturado, dice el error",
    ],
    other_client_works: [
      "Funciona bien con curl, solo falla dentro del editor",
      "Desde la web de Claude va perfecto",
    ],
    incident: [
      "¿Está caída la API? Todo el mundo en el Discord tiene el mismo error",
      "En la página de estado aparece un incidente abierto",
    ],
    wrong_org: ["Recargué créditos en otra organización distinta a la de la key"],
    too_large: [
      "El prompt es demasiado grande para el modelo, según el error",
      "Con el historial completo supera la ventana de contexto",
    ],
    per_ip: [
      "Con VPN funciona, sin VPN me devuelve 429 siempre",
      "Todos salimos por la misma IP de la oficina",
    ],
    account_keyed: ["Cambié de API key tres veces y no sirve de nada, el límite es por cuenta"],
    feature_quota: [
      "Se acabó la cuota de búsqueda web pero las llamadas normales siguen funcionando",
    ],
    model_retired: ["Ese modelo está deprecado desde septiembre, por eso falla"],
    persistence: [
      "Todas las peticiones fallan, incluso la primera del día",
      "Llevo tres días con el mismo error",
      "Esperé varias horas y sigue igual",
    ],
    transient: [
      "A veces funciona y a veces no, es bastante aleatorio",
      "Tras unos segundos vuelve a funcionar sin tocar nada",
    ],
  });

  it("reads an English provider body inside Spanish prose", () => {
    const text =
      'Hola, desde ayer me pasa esto en el plan gratuito, y ya esperé varias horas:\n\n```\n{"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details. Quota exceeded for metric: generate_content_free_tier_requests, limit: 0","status":"RESOURCE_EXHAUSTED"}}\n```\n¿Alguien sabe si hay que activar la facturación?';
    const ids = claimIds(text);
    expect(ids).toEqual(
      expect.arrayContaining(["tier=free", "zero_quota", "billing_disabled", "persistence"]),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  expectNone([
    ["Gracias, con eso ya quedó resuelto.", ["*"]],
    [
      "Pago el plan mensual con tarjeta sin problema",
      ["window=month", "billing_disabled", "credits"],
    ],
    ["Uso la herramienta diariamente para programar", ["window=day"]],
    ["No funciona con curl tampoco, así que no es el cliente", ["other_client_works"]],
    ["Por ahora lo dejo así y mañana lo reviso", ["window=day", "window=hour"]],
    ["La documentación del límite está en la web", ["other_client_works", "incident"]],
  ]);
});

describe("Portuguese claims", () => {
  expectEach({
    "output_reservation=max_tokens_trigger": [
      "Com max_tokens acima de 8192 o Bedrock devolve 429 na hora",
    ],
    "window=minute": [
      "Estou batendo no limite de requisições por minuto do Groq",
      "O erro fala em tokens por minuto, mas mando prompts pequenos",
    ],
    "window=day": [
      "A cota diária acabou logo de manhã",
      "São só 50 requisições por dia no plano grátis",
      "Dizem que zera à meia-noite no horário do Pacífico",
    ],
    "window=week": ["Bati o limite semanal do Claude na quarta-feira"],
    "window=month": ["Meu orçamento mensal da API estourou", "A franquia do mês já foi toda"],
    "dimension=requests": ["O problema é o limite de requisições, não de tokens"],
    "dimension=output_tokens": ["Reduzi os tokens de saída e melhorou"],
    "tier=free": [
      "Estou usando o plano gratuito do Gemini",
      "Ainda estou com os créditos de teste da conta nova",
      "Isso acontece no nível gratuito?",
    ],
    "tier=paid": [
      "Tenho conta paga na API há meses e nunca vi isso",
      "Minha organização está no tier 3",
    ],
    "tier=subscription": [
      "Assinei o Claude Pro ontem e já travou",
      "Sou assinante do plano Max",
      "Pago o plano mensal e mesmo assim bato no limite",
    ],
    zero_quota: [
      "No console a cota está zerada para esse modelo",
      "Aparece limite: 0 para o projeto",
    ],
    credits: [
      "Fiquei sem créditos na OpenAI e agora só dá erro",
      "O saldo está insuficiente segundo a mensagem",
      "Já recarreguei 20 reais de créditos e nada mudou",
    ],
    billing_disabled: [
      "Não tenho cartão cadastrado no Google Cloud",
      "Precisei ativar o faturamento do projeto para sair do limite",
      "A faturação não está ativada nesta conta",
    ],
    spend_cap: ["O admin colocou um limite de gastos baixo na organização"],
    auth_failure: [
      "Diz que a chave de API é inválida, mas copiei certinho",
      "Recebo acesso negado quando chamo o endpoint",
      "A key está expirada, pelo visto",
    ],
    "tool_defect=cooldown_scope": [
      "Quando o modelo pequeno estoura a cota, a ferramenta bloqueia todo o provedor e o modelo maior nem é tentado",
    ],
    "tool_defect=cooldown_persistence": [
      "O cooldown continua mesmo depois que a API voltou ao normal",
      "Fica preso no fallback e nunca volta para o modelo principal",
      "Tive que apagar o arquivo de estado manualmente",
    ],
    "tool_defect=wrong_reason": [
      "Ele mostra como rate limit, mas o erro real era de DNS",
      "A mensagem enganosa me fez achar que era cota",
    ],
    "tool_defect=no_failover": [
      "O fallback nunca é acionado, mesmo com dois modelos configurados",
      "Não troca para o modelo reserva quando o principal dá 429",
    ],
    "tool_defect=hang": [
      "Depois do 429 o agente fica parado até o timeout",
      "A interface trava e não volta mais",
    ],
    "tool_defect=retry_gap": [
      "O cliente não tenta de novo nem com erro 503",
      "Ignora o retry-after e aborta a execução inteira",
    ],
    "tool_defect=false_rate_limit": [
      "A mesma chave funciona no curl desta máquina",
      "Acabei de instalar e já recebo 429 logo na primeira mensagem",
    ],
    bug_report: [
      "### Passos para reproduzir\n1. Configurar o fallback",
      "## Comportamento esperado\nTrocar de modelo",
      "**Comportamento atual**\nFica esperando",
    ],
    fan_out: [
      "Disparo 20 agentes ao mesmo tempo e aí vem o 429",
      "Estou processando 5000 arquivos para gerar embeddings",
    ],
    schedule_collision: ["Os cron jobs rodam todos no mesmo horário, às :00"],
    retry_loop: [
      "Entrou num loop infinito e gastou minha cota toda",
      "Fica tentando de novo sem parar",
    ],
    concurrency: [
      "Passei do limite de concorrência com tantas abas",
      "Muitas requisições simultâneas, diz o erro",
    ],
    overload: [
      "A API está sobrecarregada hoje",
      "Mensagem de alta demanda e depois falha",
      "O servidor está ocupado",
    ],
    other_client_works: [
      "Funciona normal pelo navegador, só falha na extensão",
      "Com o curl funciona direitinho",
    ],
    incident: [
      "A API está fora do ar? Todo mundo no grupo está vendo o mesmo erro",
      "Na página de status tem um incidente aberto",
    ],
    wrong_org: ["Recarreguei créditos em outra organização, não na da chave"],
    too_large: [
      "O prompt é grande demais para esse modelo",
      "Com o histórico inteiro ultrapassa a janela de contexto",
    ],
    per_ip: ["Com VPN funciona, sem VPN é 429 direto", "Estamos todos no mesmo IP da empresa"],
    account_keyed: ["Trocar de chave não adianta nada, o limite é por conta"],
    feature_quota: ["Acabou a cota de pesquisa web mas as chamadas normais continuam funcionando"],
    model_retired: [
      "Esse modelo foi descontinuado em março",
      "O modelo não está mais disponível na API",
    ],
    persistence: [
      "Todas as requisições falham desde ontem",
      "Há dois dias com esse erro",
      "Esperei a noite toda e continua igual",
    ],
    transient: ["Às vezes passa, às vezes não", "Depois de uns segundos volta a funcionar"],
  });

  expectNone([
    ["Obrigado, resolveu aqui.", ["*"]],
    ["Por hora vou usar outro modelo", ["window=hour"]],
    ["Pago o plano mensal no cartão", ["window=month", "billing_disabled", "credits"]],
    ["Também não funciona pelo navegador", ["other_client_works"]],
  ]);
});

describe("German claims", () => {
  expectEach({
    "output_reservation=max_tokens_trigger": [
      "Sobald max_tokens größer als 8192 ist, kommt sofort ein 429",
    ],
    "window=minute": [
      "Ich laufe ständig ins Limit pro Minute, obwohl ich kaum etwas schicke",
      "Das Minutenlimit von Groq ist einfach zu niedrig",
    ],
    "window=day": [
      "Das Tageslimit ist schon mittags erreicht",
      "Bei 250 Anfragen pro Tag ist das schnell aufgebraucht",
      "Das tägliche Kontingent wird angeblich um Mitternacht zurückgesetzt",
    ],
    "window=week": [
      "Mein wöchentliches Limit war schon am Dienstag weg",
      "Das Wochenlimit greift viel zu früh",
    ],
    "window=month": ["Das monatliche Budget ist aufgebraucht", "Wir haben 1000 Anfragen im Monat"],
    "window=five_hour": ["Schon wieder das 5-Stunden-Fenster, mitten in der Arbeit"],
    "dimension=tokens": ["Laut Meldung ist es das Token-Limit, nicht die Anzahl der Anfragen"],
    "dimension=requests": ["Die Meldung sagt: zu viele Anfragen"],
    "dimension=input_tokens": ["Die Eingabe-Tokens sind das Problem, weil der Verlauf so lang ist"],
    "tier=free": [
      "Ich nutze den kostenlosen Tarif von Gemini",
      "Im Gratis-Tarif ist das Kontingent winzig",
      "Ich habe noch Testguthaben vom Anmelden",
    ],
    "tier=paid": [
      "Ich habe einen bezahlten Account und trotzdem 429",
      "Unsere Organisation ist in Stufe 2",
    ],
    "tier=subscription": [
      "Wir haben das Pro-Abo seit Monaten",
      "Ich zahle für Claude Max und komme trotzdem nicht weiter",
      "Habe letzte Woche ChatGPT Plus abonniert",
    ],
    zero_quota: ["In der Konsole steht das Kontingent auf 0 für dieses Modell"],
    credits: [
      "Mein Guthaben ist aufgebraucht, deshalb kommt 402",
      "Ich habe kein Guthaben mehr bei OpenRouter",
      "Habe gestern Credits aufgeladen, es ändert sich aber nichts",
    ],
    billing_disabled: [
      "Es ist keine Zahlungsmethode hinterlegt",
      "Die Abrechnung ist für das Projekt nicht aktiviert",
    ],
    spend_cap: ["Der Admin hat ein Ausgabenlimit für die Organisation gesetzt"],
    auth_failure: [
      "Die API meldet einen ungültigen API-Schlüssel",
      "Zugriff verweigert beim Aufruf des Endpunkts",
      "Der Key ist abgelaufen, sagt das Dashboard",
    ],
    "tool_defect=cooldown_scope": [
      "Wenn das kleine Modell ins Limit läuft, sperrt das Tool den ganzen Anbieter und das große Modell wird nie versucht",
    ],
    "tool_defect=cooldown_persistence": [
      "Der Cooldown bleibt bestehen, obwohl die API längst wieder antwortet",
      "Ich musste die State-Datei von Hand löschen",
      "Bleibt im Fallback hängen und wechselt nie zurück zum Hauptmodell",
    ],
    "tool_defect=wrong_reason": [
      "Es wird als Rate-Limit angezeigt, dabei war es ein DNS-Fehler",
      "Die Fehlermeldung ist irreführend, es ist eigentlich kein Rate-Limit",
    ],
    "tool_defect=no_failover": [
      "Das Fallback-Modell wird nie aufgerufen, obwohl es konfiguriert ist",
      "Der Fallback greift nicht, wenn das Primärmodell 429 liefert",
    ],
    "tool_defect=hang": [
      "Nach dem 429 hängt sich der Agent auf bis zum Timeout",
      "Die Oberfläche friert komplett ein",
    ],
    "tool_defect=retry_gap": [
      "Es gibt keinen Retry, selbst bei 529 nicht",
      "Das Tool ignoriert den Retry-After-Header",
    ],
    "tool_defect=false_rate_limit": [
      "Derselbe Key funktioniert mit curl auf diesem Rechner",
      "Gerade erst installiert und schon kommt ein Rate-Limit",
    ],
    bug_report: [
      "### Schritte zum Reproduzieren\n1. Zwei Modelle konfigurieren",
      "## Erwartetes Verhalten\nWechsel auf das Ersatzmodell",
      "**Tatsächliches Verhalten**\nNichts passiert",
    ],
    fan_out: [
      "Ich starte 15 Subagenten parallel und bekomme sofort 429",
      "Wir wollen 4000 Dokumente indexieren und das Kontingent platzt",
    ],
    schedule_collision: ["Alle unsere Cronjobs laufen zur vollen Stunde gleichzeitig los"],
    retry_loop: [
      "Der Client hängt in einer Endlosschleife und verbrennt das Kontingent",
      "Er wiederholt sofort ohne Pause",
    ],
    concurrency: [
      "Zu viele gleichzeitige Anfragen, sagt die Fehlermeldung",
      "Nur eine Anfrage gleichzeitig ist erlaubt",
    ],
    overload: [
      "Die API ist gerade überlastet",
      "Hohe Auslastung laut Meldung",
      "Der Server ist ausgelastet",
    ],
    other_client_works: [
      "Mit curl funktioniert es problemlos",
      "Funktioniert einwandfrei im Browser, nur nicht in der IDE",
    ],
    incident: [
      "Auf der Statusseite steht eine Störung",
      "Ist die API gerade down? Alle anderen im Team haben das gleiche Problem",
    ],
    wrong_org: ["Ich habe das Guthaben in einer anderen Organisation aufgeladen als der Key"],
    too_large: [
      "Der Prompt ist zu groß für das Modell",
      "Mit dem ganzen Verlauf überschreitet es das Kontextfenster",
    ],
    per_ip: [
      "Mit VPN funktioniert es, ohne VPN nur 429",
      "Wir teilen uns alle die gleiche IP im Büro",
    ],
    account_keyed: ["Neue Keys helfen nicht, das Limit pro Konto bleibt"],
    feature_quota: ["Das Websuche-Kontingent ist leer, normale Anfragen funktionieren noch"],
    model_retired: [
      "Das Modell wurde im Sommer abgekündigt",
      "Das Modell ist nicht mehr verfügbar",
    ],
    persistence: [
      "Jede Anfrage schlägt fehl, selbst die allererste",
      "Seit drei Tagen geht nichts mehr",
      "Ich habe über Nacht gewartet und es ist immer noch gesperrt",
    ],
    transient: ["Manchmal klappt es, manchmal nicht", "Nach ein paar Sekunden geht es wieder"],
  });

  expectNone([
    ["Danke, jetzt läuft alles.", ["*"]],
    ["Das hängt davon ab, welches Modell du nutzt", ["tool_defect=hang"]],
    ["Ich nutze das Tool täglich für die Arbeit", ["window=day"]],
    ["Mit curl geht es leider auch nicht", ["other_client_works"]],
  ]);
});
