package dev.pulse.dashboards.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.dashboards.WebSessions;
import dev.pulse.dashboards.accounts.Accounts;
import dev.pulse.kernel.Role;
import dev.pulse.surveys.outbox.WarehouseOutbox;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The survey, case and region-owner pages over real HTTP with signed-in sessions, as a browser without JavaScript
 * uses them: forms with CSRF tokens, refused forms answered 400 with each problem next to its field, never a 500;
 * a regional manager's pages hold only its own region's cases. Also: a warehouse event delivered again by the
 * outbox is stored once in the real warehouse.
 */
class SurveyPagesIT extends SurveysHttpSupport {

    static final String SCRIPT = "<script>alert('x')</script>";

    @Autowired
    Accounts accounts;

    @Autowired
    WarehouseOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    final HttpClient pages = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void aQualityUserCreatesASurveyWithEveryQuestionTypeInChineseThenEditsItIntoANewVersion() throws Exception {
        WebSessions.Session quality = sessions().signIn(Role.QUALITY);
        HttpResponse<String> empty = get(quality, "/surveys/new");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body())
                .contains("name=\"questions[0].type\"", "name=\"title.zh\"", "name=\"_csrf\"")
                .contains(
                        "value=\"NPS\"",
                        "value=\"CSAT\"",
                        "value=\"CES\"",
                        "value=\"RATING\"",
                        "value=\"SINGLE_CHOICE\"",
                        "value=\"MULTIPLE_CHOICE\"",
                        "value=\"TEXT\"");

        String title = "门店服务调查-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = post(quality, "/surveys", everyType(title));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/surveys/", "");

        JsonNode saved = json(call("GET", "/api/v1/surveys/" + id, "it-quality-key", null));
        assertThat(saved.get("status").asString()).isEqualTo("DRAFT");
        JsonNode definition = saved.get("definition");
        assertThat(definition.at("/title/zh").asString()).isEqualTo(title);
        assertThat(definition.at("/thankYou/zh").asString()).isEqualTo("感谢您的反馈！");
        assertThat(definition.at("/openLink/region").asString()).isEqualTo("华东");
        assertThat(definition
                        .get("questions")
                        .valueStream()
                        .map(q -> q.get("id").asString() + ":" + q.get("type").asString() + ":"
                                + q.get("required").asBoolean()))
                .as("the blank slot between them is not a question")
                .containsExactly(
                        "nps:NPS:true",
                        "csat:CSAT:false",
                        "ces:CES:false",
                        "speed:RATING:false",
                        "store:SINGLE_CHOICE:true",
                        "liked:MULTIPLE_CHOICE:false",
                        "comment:TEXT:false");
        assertThat(definition.at("/questions/3/max").asInt()).isEqualTo(5);
        assertThat(definition.at("/questions/4/options/1/text/zh").asString()).isEqualTo("门店");
        assertThat(definition.at("/questions/5/options/2/id").asString()).isEqualTo("delivery");
        assertThat(definition.at("/questions/0/text/zh").asString()).isEqualTo("您向朋友推荐我们的可能性有多大？");

        assertThat(post(quality, "/surveys/" + id + "/activate", List.of()).statusCode())
                .isEqualTo(302);
        assertThat(responsesListed(quality, id)).isEqualTo("0");
        assertThat(get(quality, "/surveys").body()).contains("<h1>问卷管理</h1>", "id=\"nav-surveys\" class=\"active\"");
        assertThat(post(quality, "/account/locale", List.of(Map.entry("lang", "en"), Map.entry("back", "/surveys")))
                        .statusCode())
                .isEqualTo(302);
        assertThat(get(quality, "/surveys").body()).contains("<h1>Surveys</h1>", ">Active<", ">Store service survey<");
        HttpResponse<String> answered =
                browser().answer("/s/open/" + id, List.of(Map.entry("q.nps", "9"), Map.entry("q.store", "shop")));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(303);
        assertThat(responsesListed(quality, id))
                .as("the list counts the response")
                .isEqualTo("1");

        HttpResponse<String> editPage = get(quality, "/surveys/" + id);
        assertThat(editPage.body()).contains("value=\"" + title + "\"", "name=\"version\" value=\"1\"", "v1 = 1");
        List<Map.Entry<String, String>> edited = new ArrayList<>(everyType(title + "（第二版）"));
        edited.add(Map.entry("version", "1"));
        HttpResponse<String> saveEdit = post(quality, "/surveys/" + id, edited);
        assertThat(saveEdit.statusCode()).as(saveEdit.body()).isEqualTo(302);
        JsonNode after = json(call("GET", "/api/v1/surveys/" + id, "it-quality-key", null));
        assertThat(after.get("version").asInt())
                .as("an active survey's edit is a new version")
                .isEqualTo(2);
        assertThat(after.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(after.at("/definition/title/zh").asString()).isEqualTo(title + "（第二版）");
        assertThat(after.at("/responses/1").asLong()).isEqualTo(1);
        assertThat(get(quality, "/surveys/" + id).body()).contains("id=\"survey-version\">2<", "v1 = 1");

        HttpResponse<String> stale = post(quality, "/surveys/" + id, edited);
        assertThat(stale.statusCode())
                .as("an edit of version 1 after version 2 exists")
                .isEqualTo(409);
        assertThat(stale.body()).contains("data-field=\"version\"", "now version 2");

        assertThat(post(quality, "/surveys/" + id + "/close", List.of()).statusCode())
                .isEqualTo(302);
        HttpResponse<String> closed =
                post(quality, "/surveys/" + id, List.of(Map.entry("version", "2"), Map.entry("title.zh", "x")));
        assertThat(closed.statusCode()).isIn(400, 409);
        assertThat(json(call("GET", "/api/v1/surveys/" + id, "it-quality-key", null))
                        .get("version")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void aRefusedFormComesBackWithEachProblemNextToItsFieldAndWhatWasTypedAsText() throws Exception {
        WebSessions.Session quality = sessions().signIn(Role.QUALITY);
        int before =
                json(call("GET", "/api/v1/surveys", "it-quality-key", null)).size();
        HttpResponse<String> refused = post(
                quality,
                "/surveys",
                List.of(
                        Map.entry("title.zh", SCRIPT),
                        Map.entry("title.en", ""),
                        Map.entry("thankYou.zh", "谢谢"),
                        Map.entry("thankYou.en", "Thanks"),
                        Map.entry("questions[0].id", ""),
                        Map.entry("questions[0].type", ""),
                        Map.entry("questions[1].id", "pick"),
                        Map.entry("questions[1].type", "SINGLE_CHOICE"),
                        Map.entry("questions[1].text.zh", "选一个"),
                        Map.entry("questions[1].text.en", "Pick one"),
                        Map.entry("questions[1].options", "only | 唯一 | Only")));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("data-field=\"title.en\"", "data-field=\"questions[1].options\"", "data-field=\"questions\"")
                .contains("at least one NPS, CSAT or CES question")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "only | 唯一 | Only")
                .doesNotContain(SCRIPT);
        assertThat(json(call("GET", "/api/v1/surveys", "it-quality-key", null)).size())
                .as("nothing stored")
                .isEqualTo(before);

        HttpResponse<String> notANumber = post(
                quality,
                "/surveys",
                List.of(
                        Map.entry("questions[2].type", "RATING"),
                        Map.entry("questions[2].max", "ten"),
                        Map.entry("questions[3].options", "a | b")));
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body())
                .contains(
                        "data-field=\"questions[2].max\"",
                        "must be a whole number",
                        "data-field=\"questions[3].options\"",
                        "line 1: write id | 中文 | English");

        HttpResponse<String> tooMany = post(quality, "/surveys", List.of(Map.entry("questions[99999].id", "x")));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("data-field=\"questions\"", "at most 100 questions");
        assertThat(post(quality, "/surveys", List.of(Map.entry("questions[0].type", "SLIDER")))
                        .body())
                .contains("data-field=\"questions[0].type\"", "unknown question type");

        HttpResponse<String> more = post(
                quality,
                "/surveys",
                List.of(Map.entry("title.zh", "草稿标题"), Map.entry("more", "1"), Map.entry("questions[0].type", "NPS")));
        assertThat(more.statusCode())
                .as("more questions: the form again, nothing saved")
                .isEqualTo(200);
        assertThat(more.body())
                .contains("name=\"questions[3].id\"", "value=\"草稿标题\"")
                .doesNotContain("name=\"questions[4].id\"");
        assertThat(json(call("GET", "/api/v1/surveys", "it-quality-key", null)).size())
                .isEqualTo(before);

        HttpResponse<String> missing = get(quality, "/surveys/no-such-survey");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).as("the page keeps the header").contains("id=\"nav-surveys\"", "id=\"problem\"");
        assertThat(post(quality, "/surveys/no-such-survey/activate", List.of()).statusCode())
                .isEqualTo(404);
        assertThat(post(sessions().anonymous(), "/surveys", List.of()).statusCode())
                .as("not signed in")
                .isEqualTo(302);
        assertThat(get(sessions().signIn(Role.EXECUTIVE), "/surveys").statusCode())
                .isEqualTo(403);
        HttpResponse<String> noToken = pages.send(
                HttpRequest.newBuilder(uri("/surveys"))
                        .header("Cookie", quality.cookie())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("title.zh=x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).as("no CSRF token").isEqualTo(403);
    }

    @Test
    void aRegionalManagerSeesOnlyOwnRegionCasesAndMarksOneContactedAndResolved() throws Exception {
        String east = detractorCase("华东", "差评 " + SCRIPT);
        String south = detractorCase("华南", "差评 " + SCRIPT);
        WebSessions.Session manager = sessions().signIn(Role.REGIONAL_MANAGER); // 华东

        HttpResponse<String> list = get(manager, "/cases?status=OPEN");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("data-case=\"" + east + "\"").doesNotContain(south);
        assertThat(list.body()).contains("<option value=\"华东\"").doesNotContain("<option value=\"华南\"");
        assertThat(list.body()).contains("&lt;script&gt;").doesNotContain(SCRIPT);
        HttpResponse<String> otherRegion =
                get(manager, "/cases?region=" + URLEncoder.encode("华南", StandardCharsets.UTF_8));
        assertThat(otherRegion.statusCode()).isEqualTo(400);
        assertThat(otherRegion.body()).contains("not one of your regions").doesNotContain(south);
        assertThat(get(manager, "/cases?status=DONE").body()).contains("one of OPEN, CONTACTED, RESOLVED");
        assertThat(get(manager, "/cases/" + south).statusCode())
                .as("another region's case does not exist")
                .isEqualTo(404);
        assertThat(post(manager, "/cases/" + south + "/contacted", List.of()).statusCode())
                .isEqualTo(404);

        HttpResponse<String> page = get(manager, "/cases/" + east);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"case-comment\" class=\"comment\">差评 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain(SCRIPT);
        assertThat(post(manager, "/cases/" + east + "/contacted", List.of(Map.entry("note", "已致电客户，约好明天上门")))
                        .statusCode())
                .isEqualTo(302);
        HttpResponse<String> blank = post(manager, "/cases/" + east + "/resolve", List.of(Map.entry("outcome", "  ")));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("id=\"resolve-form\"", "must not be blank");
        assertThat(post(manager, "/cases/" + east + "/contacted", List.of()).statusCode())
                .as("contacted twice")
                .isEqualTo(409);
        assertThat(post(manager, "/cases/" + east + "/notes", List.of(Map.entry("text", SCRIPT)))
                        .statusCode())
                .isEqualTo(302);
        assertThat(post(manager, "/cases/" + east + "/assign", List.of(Map.entry("owner", "not-an-address")))
                        .body())
                .contains("an email address is required");
        assertThat(post(manager, "/cases/" + east + "/resolve", List.of(Map.entry("outcome", "已退款，客户满意")))
                        .statusCode())
                .isEqualTo(302);

        HttpResponse<String> done = get(manager, "/cases/" + east);
        assertThat(done.body())
                .contains("id=\"case-status\">已解决<", "id=\"case-outcome\">已退款，客户满意<")
                .doesNotContain(SCRIPT);
        assertThat(history(done.body()))
                .containsExactly(
                        "OPENED|system", "CONTACTED|web.regional-manager|已致电客户，约好明天上门",
                        "NOTE|web.regional-manager|&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
                                "RESOLVED|web.regional-manager|已退款，客户满意");
        JsonNode view = json(call("GET", "/api/v1/cases/" + east, "it-quality-key", null));
        assertThat(view.at("/followUpCase/status").asString()).isEqualTo("RESOLVED");

        WebSessions.Session quality = sessions().signIn(Role.QUALITY);
        assertThat(get(quality, "/cases/" + south).body())
                .as("quality sees every region")
                .contains("id=\"case-region\">华南<");
        assertThat(get(quality, "/cases?status=OPEN").body()).doesNotContain("data-case=\"" + east + "\"");
    }

    @Test
    void theCaseListIsPagedAndAPageNumberIsChecked() throws Exception {
        detractorCase("华东", "分页");
        WebSessions.Session quality = sessions().signIn(Role.QUALITY);
        HttpResponse<String> first = get(quality, "/cases");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("data-case=").doesNotContain("id=\"previous-page\"");
        // past the last case: an empty page that links back, keeping the filters
        HttpResponse<String> far = get(quality, "/cases?status=OPEN&page=999");
        assertThat(far.statusCode()).isEqualTo(200);
        assertThat(far.body())
                .doesNotContain("data-case=", "id=\"next-page\"", "id=\"case-range\"")
                .contains("id=\"previous-page\"", "page=998", "status=OPEN");
        for (String bad : List.of("0", "-1", "x", "999999")) {
            HttpResponse<String> refused = get(quality, "/cases?page=" + bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).as(bad).contains("must be a page number from 1");
        }
        assertThat(call("GET", "/api/v1/cases?offset=-1", "it-quality-key", null)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void anAdminSetsARegionsOwnersOnItsPage() throws Exception {
        WebSessions.Session admin = sessions().signIn(Role.ADMIN);
        assertThat(get(admin, "/admin/region-owners").body()).contains("data-region=\"东北\"", "data-region=\"华南\"");

        HttpResponse<String> saved = post(
                admin,
                "/admin/region-owners",
                List.of(
                        Map.entry("region", "东北"),
                        Map.entry("owners", "ne.first@example.cn，ne.second@example.cn\nne.third@example.cn")));
        assertThat(saved.statusCode()).isEqualTo(302);
        JsonNode owners = json(call("GET", "/api/v1/cases/owners", "it-quality-key", null))
                .get("东北");
        assertThat(owners.valueStream().map(JsonNode::asString))
                .containsExactly("ne.first@example.cn", "ne.second@example.cn", "ne.third@example.cn");

        HttpResponse<String> refused = post(
                admin,
                "/admin/region-owners",
                List.of(Map.entry("region", "东北"), Map.entry("owners", "ok@example.cn, <b>nope</b>")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("owners[1]: not an email address", "&lt;b&gt;nope&lt;/b&gt;")
                .doesNotContain("<b>nope");
        assertThat(post(
                                admin,
                                "/admin/region-owners",
                                List.of(Map.entry("region", "火星"), Map.entry("owners", "a@example.cn")))
                        .body())
                .contains("region: unknown region");
        assertThat(get(sessions().signIn(Role.QUALITY), "/admin/region-owners").statusCode())
                .isEqualTo(403);
    }

    @Test
    void anInvitationEventDeliveredAgainIsStoredOnceInTheWarehouse() throws Exception {
        String survey = activeSurvey(DEFINITION);
        String customer = "客户-" + UUID.randomUUID();
        invite(survey, customer, "华东", "zh");
        String eventId = jdbc.sql("SELECT id FROM survey_invitation WHERE customer_id = :c")
                        .param("c", customer)
                        .query(String.class)
                        .single()
                + "/sent";
        String sql = "SELECT count() FROM survey_invitations_raw WHERE event_id = {e:String}";
        assertThat(count(sql, Map.of("e", eventId)))
                .as("delivered when the invitation was made")
                .isEqualTo(1);
        assertThat(outbox.attempts("survey-invitations", eventId)).isEqualTo(1);

        // as if the warehouse's answer had been lost: the row is due again
        jdbc.sql("UPDATE warehouse_outbox SET delivered_at = NULL, next_attempt_at = :past WHERE event_id = :e")
                .param("past", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5))
                .param("e", eventId)
                .update();
        outbox.deliverDue();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(outbox.attempts("survey-invitations", eventId))
                        .isEqualTo(2));
        assertThat(count(sql, Map.of("e", eventId)))
                .as("sent twice, stored once")
                .isEqualTo(1);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Every question type, with a blank slot in the middle; open link 华东. */
    static List<Map.Entry<String, String>> everyType(String title) {
        List<Map.Entry<String, String>> f = new ArrayList<>(List.of(
                Map.entry("title.zh", title), Map.entry("title.en", "Store service survey"),
                Map.entry("intro.zh", "感谢您抽出时间。"), Map.entry("intro.en", "Thank you for your time."),
                Map.entry("thankYou.zh", "感谢您的反馈！"), Map.entry("thankYou.en", "Thanks for your feedback!"),
                Map.entry("openLink.region", "华东"), Map.entry("openLink.channel", "store")));
        question(f, 0, "nps", "NPS", true, "您向朋友推荐我们的可能性有多大？", "How likely are you to recommend us?", "", "");
        question(f, 1, "csat", "CSAT", false, "您满意吗？", "How satisfied are you?", "", "");
        question(f, 2, "", "", false, "", "", "", "");
        question(f, 3, "ces", "CES", false, "办理是否容易？", "How easy was it?", "", "");
        question(f, 4, "speed", "RATING", false, "配送速度", "Delivery speed", "5", "");
        question(
                f,
                5,
                "store",
                "SINGLE_CHOICE",
                true,
                "您在哪里购买？",
                "Where did you buy?",
                "",
                "app | 应用 | App\r\nshop | 门店 | Store");
        question(
                f,
                6,
                "liked",
                "MULTIPLE_CHOICE",
                false,
                "您喜欢什么？",
                "What did you like?",
                "",
                "price | 价格 | Price\nservice | 服务 | Service\n\ndelivery | 配送 | Delivery\n");
        question(f, 7, "comment", "TEXT", false, "还有什么想告诉我们的？", "Anything else?", "", "");
        return f;
    }

    static void question(
            List<Map.Entry<String, String>> f,
            int i,
            String id,
            String type,
            boolean required,
            String zh,
            String en,
            String max,
            String options) {
        String p = "questions[" + i + "].";
        f.addAll(List.of(
                Map.entry(p + "id", id),
                Map.entry(p + "type", type),
                Map.entry(p + "text.zh", zh),
                Map.entry(p + "text.en", en),
                Map.entry(p + "max", max),
                Map.entry(p + "options", options)));
        if (required) {
            f.add(Map.entry(p + "required", "true"));
        }
    }

    String responsesListed(WebSessions.Session session, String survey) throws Exception {
        String body = get(session, "/surveys").body();
        Matcher row = Pattern.compile(
                        "data-survey=\"" + survey + "\".*?class=\"num responses\">(\\d+)<", Pattern.DOTALL)
                .matcher(body);
        assertThat(row.find()).as(body).isTrue();
        return row.group(1);
    }

    /** The history table as {@code ACTION|actor|detail} rows (detail as the page encodes it). */
    static List<String> history(String html) {
        Matcher rows = Pattern.compile(
                        "<tr data-action=\"(\\w+)\">\\s*<td>[^<]*</td>\\s*<td class=\"actor\">([^<]*)</td>\\s*<td>[^<]*</td>"
                                + "\\s*<td class=\"comment\">([^<]*)</td>")
                .matcher(html);
        List<String> out = new ArrayList<>();
        while (rows.find()) {
            out.add(rows.group(1) + "|" + rows.group(2)
                    + (rows.group(3).isEmpty() || rows.group(1).equals("OPENED") ? "" : "|" + rows.group(3)));
        }
        return out;
    }

    WebSessions sessions() {
        return new WebSessions(port, accounts);
    }

    HttpResponse<String> get(WebSessions.Session session, String path) throws Exception {
        return pages.send(
                HttpRequest.newBuilder(local(path))
                        .header("Cookie", session.cookie())
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(WebSessions.Session session, String path, List<Map.Entry<String, String>> fields)
            throws Exception {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        all.add(Map.entry("_csrf", session.csrf()));
        String form = all.stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return pages.send(
                HttpRequest.newBuilder(local(path))
                        .header("Cookie", session.cookie())
                        .header("Accept", "text/html")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Sessions are made on {@code localhost} by {@link WebSessions}; their cookie belongs there. */
    URI local(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
