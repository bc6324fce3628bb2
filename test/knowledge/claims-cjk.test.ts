import { describe, expect, it } from "vitest";
import { claimExtractor } from "../../src/core/evidence/claim-evidence.js";
import { loadKnowledge } from "../../src/knowledge/load.js";

const kb = loadKnowledge();
const claimIds = (text: string) =>
  claimExtractor(text, { source: { message: 0 }, kb, now: new Date("2026-12-01T00:00:00Z") }).map(
    (e) => (e.kind === "claim" ? e.id : ""),
  );
const languagesOf = (text: string) =>
  claimExtractor(text, { source: { message: 0 }, kb, now: new Date("2026-12-01T00:00:00Z") }).map(
    (e) => (e.kind === "claim" ? e.language : ""),
  );

type Case = readonly [text: string, ids: readonly string[]];

const ZH: Case[] = [
  // windows and dimensions
  [
    "免费账号每分钟只能发3次请求，稍微快一点就429",
    ["window=minute", "tier=free", "dimension=requests"],
  ],
  ["我们的 TPM 配额不够，每分鐘 token 數一下子就滿了", ["window=minute", "dimension=tokens"]],
  ["每天的额度只有50次，下午就用完了", ["window=day"]],
  ["预览模型 RPD 250 的上限，中午前就触发了", ["window=day"]],
  [
    "max_tokens 设置超过 8192 就会报 429，改成 4096 就正常",
    ["output_reservation=max_tokens_trigger"],
  ],
  ["今天的额度已经用光了，只能等到明天再用", ["window=day"]],
  ["Claude 的 5小时窗口刚重置没多久又满了", ["window=five_hour"]],
  ["本周额度已经用完，要等到下周一才恢复", ["window=week"]],
  ["每個月的免費額度是100萬 token", ["window=month", "tier=free"]],
  ["QPS限制太低了，秒级限流一直触发", ["window=second"]],
  [
    "输入token每分钟上限是30k，输出token倒是没超",
    ["dimension=input_tokens", "dimension=output_tokens"],
  ],
  ["我跑了大概500次请求就被限了", ["numbers"]],
  // tiers, billing, credits
  ["我是付费用户，tier 2，照样被限流", ["tier=paid"]],
  ["开了 Pro 会员还是这样，订阅有什么用", ["tier=subscription"]],
  ["控制台里每个模型的配额都是0，不知道为什么", ["zero_quota"]],
  ["项目没有绑定结算账号，所以额度一直是零", ["billing_disabled"]],
  ["帳戶欠費了，扣款失敗", ["billing_disabled"]],
  ["余额不足，充值之后等了半小时才恢复", ["credits"]],
  ["試用額度已經過期了，換成付費才行", ["credits"]],
  ["团队设置了月度消费上限，到了就直接 403", ["spend_cap"]],
  ["提示 key 无效，但我刚在后台重新生成过", ["auth_failure"]],
  ["這個令牌沒有權限調用模型接口", ["auth_failure"]],
  // tool defects
  ["一个小模型限流了，结果整个账号下的所有模型都被冷却了", ["tool_defect=cooldown_scope"]],
  [
    "冷却时间早就过了，状态还是一直不恢复，只能手动删除 auth-state.json",
    ["tool_defect=cooldown_persistence"],
  ],
  ["明明是 DNS 解析失败，却被显示为限流", ["tool_defect=wrong_reason"]],
  ["配置了备用模型，但是 fallback 根本没有触发", ["tool_defect=no_failover"]],
  ["429 之后界面就卡住了，一直转圈直到超时", ["tool_defect=hang"]],
  ["这个工具没有任何重试机制，也忽略了 Retry-After", ["tool_defect=retry_gap"]],
  ["状态栏显示额度已用完，但是官网上看其实只用了5%", ["tool_defect=quota_display"]],
  [
    "同一个 key 用 curl 调完全正常，只有这个插件说限流",
    ["tool_defect=false_rate_limit", "other_client_works"],
  ],
  ["刚装好第一次用就提示 rate limit", ["tool_defect=false_rate_limit"]],
  ["余额不足的错误它也一直重试，把日志刷满了", ["tool_defect=retry_non_retryable"]],
  // bursts
  ["开了 8 个 subagent 同时跑，马上就 429", ["fan_out"]],
  ["批量翻译三百个文件的时候触发了限流", ["fan_out"]],
  ["几个定时任务都是整点执行，同时请求就撞上了", ["schedule_collision"]],
  ["失败后程序陷入死循环，不停重试", ["retry_loop"]],
  ["您当前使用该API的并发数过高，请降低并发", ["concurrency"]],
  ["並發數太多了，官方限制同時只能兩個請求", ["concurrency"]],
  ["服务器繁忙，请稍后再试", ["overload"]],
  ["一直提示引擎超载，算力是不是告急了", ["overload"]],
  // other claims
  ["网页版还能正常用，只有 API 报 429", ["other_client_works"]],
  ["状态页上写着部分服务降级", ["incident"]],
  ["同问，群里其他人也都是这个报错", ["incident"]],
  ["充值的是另一个组织，key 却是在别的项目里建的", ["wrong_org"]],
  ["上下文太长了，超出了模型的最大长度", ["too_large"]],
  ["明显是中转站返回的429，不是官方接口", ["proxy_limiter"]],
  ["换了好几个 key 也没用，还是秒429", ["account_keyed"]],
  ["大概率是IP限流，同一个IP下多个key一起用就被封", ["per_ip"]],
  ["挂了梯子换个节点就好了", ["per_ip"]],
  ["联网搜索的额度用完了，普通对话还是可以正常用", ["feature_quota"]],
  ["这个模型已经下线了，官方不再支持", ["model_retired"]],
  ["第一次请求就报429，等了两个小时还是一样", ["persistence"]],
  ["偶尔会出现429，重试一下就好了", ["transient"]],
  ["### 复现步骤\n1. 打开应用\n### 预期行为\n自动切换模型", ["bug_report"]],
  ["**重現步驟**\n1. 連續送出請求", ["bug_report"]],
  // traditional script, Taiwan and Hong Kong wording
  ["伺服器目前過載，等一下再試", ["overload"]],
  ["我們開了二十幾個執行緒並發打 API，一下就被擋了", ["fan_out"]],
  ["用網頁版問問題都沒問題，只有 API 一直回 429", ["other_client_works", "persistence"]],
  ["綁了信用卡之後才開通計費，之前配額全是 0", ["billing_disabled", "zero_quota"]],
  ["這個金鑰已經過期，認證失敗", ["auth_failure"]],
];

const JA: Case[] = [
  [
    "無料枠だと1分あたり5リクエストまでしか送れない",
    ["window=minute", "tier=free", "dimension=requests"],
  ],
  ["1日の上限に達したので明日まで使えないみたい", ["window=day"]],
  ["max_tokensを8192より大きくすると429が返ってくる", ["output_reservation=max_tokens_trigger"]],
  ["5時間の枠がリセットされてもすぐ上限に当たる", ["window=five_hour"]],
  ["週の上限に引っかかって木曜まで待ちです", ["window=week"]],
  ["今月の上限を超えてしまいました", ["window=month"]],
  ["入力トークンの上限が低すぎる", ["dimension=input_tokens", "dimension=tokens"]],
  ["トークン数は全然余裕があるのにエラーになる", ["dimension=tokens"]],
  ["有料アカウントでTier 3なのに制限される", ["tier=paid"]],
  ["Proプランを契約しているのにすぐ制限に達する", ["tier=subscription"]],
  ["クォータが0と表示されていて何も呼べない", ["zero_quota"]],
  ["請求先アカウントを設定していないので全部ゼロです", ["billing_disabled"]],
  ["クレジット残高が不足しているというエラーが出ます", ["credits"]],
  ["APIキーが無効と言われた", ["auth_failure"]],
  ["このトークンには権限がないみたいです", ["auth_failure"]],
  [
    "小さいモデルがレート制限に当たると、他のモデルまでまとめてクールダウンされる",
    ["tool_defect=cooldown_scope"],
  ],
  ["クールダウンがいつまでも解除されない", ["tool_defect=cooldown_persistence"]],
  ["ネットワークエラーなのにレート制限として表示される", ["tool_defect=wrong_reason"]],
  ["フォールバックのモデルが一度も試されない", ["tool_defect=no_failover"]],
  ["429が出たあと画面が固まって応答がない", ["tool_defect=hang"]],
  ["Retry-Afterを無視してすぐ諦める", ["tool_defect=retry_gap"]],
  ["使用量の表示がおかしい、まだ半分も使っていない", ["tool_defect=quota_display"]],
  [
    "同じキーでcurlからは問題なく使えるのに、このツールだけ429",
    ["tool_defect=false_rate_limit", "other_client_works"],
  ],
  ["10個のサブエージェントを並列で走らせたら即429", ["fan_out"]],
  ["cronジョブが全部同じ時刻に動くのでぶつかる", ["schedule_collision"]],
  ["エラーのあと無限ループでリトライし続けている", ["retry_loop"]],
  ["同時実行数の上限を超えましたと出る", ["concurrency"]],
  ["サーバーが混雑しているので後で試してください、と出る", ["overload"]],
  ["ブラウザ版では普通に使える", ["other_client_works"]],
  ["ステータスページに障害情報が出ています", ["incident"]],
  ["私も同じです、今朝から全く使えない", ["incident"]],
  ["チャージしたのは別の組織で、キーは違うプロジェクトのものでした", ["wrong_org"]],
  ["プロンプトが長すぎてコンテキストを超えている", ["too_large"]],
  ["キーを変えても同じ429が返ってくる", ["account_keyed"]],
  ["同じIPから複数のキーを使うとIP制限に引っかかる", ["per_ip"]],
  ["VPNを切り替えたら直った", ["per_ip"]],
  ["Web検索の回数制限に達した、通常のチャットは使える", ["feature_quota"]],
  ["このモデルは提供終了になったらしい", ["model_retired"]],
  ["最初のリクエストからずっとエラーで、3時間待っても変わらない", ["persistence"]],
  ["たまに429が出るけど、少し待てば直る", ["transient"]],
  ["## 再現手順\n1. 起動する\n## 期待される動作\n別モデルに切り替わる", ["bug_report"]],
];

const KO: Case[] = [
  ["max_tokens를 8192 이상으로 올리면 바로 429가 나요", ["output_reservation=max_tokens_trigger"]],
  [
    "무료 티어라서 분당 요청 수가 너무 적어요",
    ["window=minute", "tier=free", "dimension=requests"],
  ],
  ["일일 한도를 다 써서 내일까지 못 써요", ["window=day"]],
  ["5시간 제한이 풀려도 금방 다시 막힙니다", ["window=five_hour"]],
  ["주간 한도에 걸려서 다음 주까지 기다려야 해요", ["window=week"]],
  ["이번 달 사용량을 초과했다고 나옵니다", ["window=month"]],
  ["출력 토큰 한도 때문인지 답변이 끊겨요", ["dimension=output_tokens", "dimension=tokens"]],
  ["유료 계정인데도 계속 막혀요", ["tier=paid"]],
  ["Max 플랜 구독 중인데 제한이 걸렸어요", ["tier=subscription"]],
  ["할당량이 0으로 표시돼요", ["zero_quota"]],
  ["결제 수단을 등록 안 했더니 모든 모델이 막혔어요", ["billing_disabled"]],
  ["크레딧이 다 떨어져서 충전했는데도 에러가 나요", ["credits"]],
  ["API 키가 유효하지 않다고 나와요", ["auth_failure"]],
  ["작은 모델 하나가 막히면 다른 모델까지 전부 쿨다운돼요", ["tool_defect=cooldown_scope"]],
  ["쿨다운이 끝났는데도 계속 잠겨 있어요", ["tool_defect=cooldown_persistence"]],
  ["폴백 모델로 전환되지 않고 그대로 실패합니다", ["tool_defect=no_failover"]],
  ["429 이후 응답이 없고 멈춰 있어요", ["tool_defect=hang"]],
  ["재시도를 안 하고 바로 작업 전체가 중단돼요", ["tool_defect=retry_gap"]],
  [
    "같은 키로 curl에서는 잘 되는데 이 도구에서만 429가 나요",
    ["tool_defect=false_rate_limit", "other_client_works"],
  ],
  ["서브에이전트 10개를 동시에 돌렸더니 바로 429", ["fan_out"]],
  ["크론 작업들이 전부 정각에 동시에 실행돼요", ["schedule_collision"]],
  ["실패하면 무한 루프로 재시도해요", ["retry_loop"]],
  ["동시 요청 수 제한을 초과했다는 메시지가 떠요", ["concurrency"]],
  ["서버가 과부하 상태라고 나와요", ["overload"]],
  ["웹 버전에서는 잘 돼요", ["other_client_works"]],
  ["상태 페이지에 장애 공지가 올라왔어요", ["incident"]],
  ["저도 같은 에러가 발생합니다", ["incident"]],
  ["프롬프트가 너무 길어서 컨텍스트를 초과했어요", ["too_large"]],
  ["키를 바꿔도 똑같이 429가 나요", ["account_keyed"]],
  ["같은 IP에서 여러 키를 쓰면 IP 차단을 당해요", ["per_ip"]],
  ["이 모델은 지원 종료됐다고 합니다", ["model_retired"]],
  ["첫 요청부터 429가 나고 몇 시간째 그대로예요", ["persistence"]],
  ["가끔 429가 나지만 잠시 기다리면 다시 돼요", ["transient"]],
  ["### 재현 단계\n1. 실행\n### 예상 동작\n다른 모델로 전환", ["bug_report"]],
];

const NEGATIVE: string[] = [
  "今天天气不错，我们下午去公园散步吧",
  "这个函数的返回值类型写错了，改成字符串就行",
  "請問這個專案的授權條款是 MIT 嗎？",
  "我的 key 用了半个多月了都没事，余额也是够的",
  "明日の会議は十時からです",
  "このライブラリのドキュメントはとても読みやすい",
  "오늘 점심은 김치찌개를 먹었어요",
  "이 라이브러리 문서가 정말 잘 정리되어 있네요",
];

function runCases(lang: string, cases: Case[]) {
  describe(`${lang} claims`, () => {
    for (const [text, ids] of cases) {
      it(`${ids.join(", ")}: ${text.replace(/\n/g, " ")}`, () => {
        const found = claimIds(text);
        for (const id of ids) expect(found).toContain(id);
      });
    }
  });
}

runCases("zh", ZH);
runCases("ja", JA);
runCases("ko", KO);

describe("CJK lexicons", () => {
  it("cover every English claim id", () => {
    const byLanguage = new Map<string, Set<string>>();
    for (const c of kb.claims) {
      const set = byLanguage.get(c.language) ?? new Set<string>();
      set.add(c.id);
      byLanguage.set(c.language, set);
    }
    const en = byLanguage.get("en") ?? new Set<string>();
    for (const lang of ["zh", "ja", "ko"]) {
      expect([...en].filter((id) => !byLanguage.get(lang)?.has(id))).toEqual([]);
    }
  });

  it("attribute claims to the language that said them", () => {
    expect(languagesOf("服务器繁忙，请稍后再试")).toContain("zh");
    expect(languagesOf("サーバーが混雑しています")).toContain("ja");
    expect(languagesOf("서버가 과부하 상태입니다")).toContain("ko");
  });

  it("read an English error body inside Chinese prose", () => {
    const found = claimIds(
      '报错了：{"error":{"message":"The engine is currently overloaded"}}，大家都是这样吗',
    );
    expect(found).toContain("overload");
    expect(found).toContain("incident");
  });

  for (const text of NEGATIVE) {
    it(`no claim: ${text}`, () => {
      expect(claimIds(text)).toEqual([]);
    });
  }
});
