package dev.pulse.surveys;

import dev.pulse.kernel.PulseSettings;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/** Definitions and settings that many tests start from. */
public final class Fixtures {

    private Fixtures() {}

    /** The default settings: seven regions, Asia/Shanghai. */
    public static PulseSettings pulse() {
        return new PulseSettings(
                Path.of("target"), ZoneId.of("Asia/Shanghai"), List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北"));
    }

    /** A survey with one question of every type; the NPS question is required. */
    public static SurveyDefinition everyType() {
        return new SurveyDefinition(
                new Localized("购物满意度调查", "Shopping satisfaction"),
                new Localized("感谢您抽出时间。", "Thank you for your time."),
                new Localized("谢谢您的反馈！", "Thanks for your feedback!"),
                new OpenLink("华东", "store"),
                List.of(
                        new Question(
                                "nps",
                                QuestionType.NPS,
                                true,
                                new Localized("您向朋友推荐我们的可能性有多大？", "How likely are you to recommend us?"),
                                null,
                                null),
                        new Question(
                                "csat",
                                QuestionType.CSAT,
                                false,
                                new Localized("您对本次购物满意吗？", "How satisfied are you?"),
                                null,
                                null),
                        new Question(
                                "ces",
                                QuestionType.CES,
                                false,
                                new Localized("办理是否容易？", "How easy was it?"),
                                null,
                                null),
                        new Question(
                                "speed", QuestionType.RATING, false, new Localized("配送速度", "Delivery speed"), 5, null),
                        new Question(
                                "store",
                                QuestionType.SINGLE_CHOICE,
                                false,
                                new Localized("您在哪里购买？", "Where did you buy?"),
                                null,
                                List.of(
                                        new Choice("app", new Localized("应用", "App")),
                                        new Choice("shop", new Localized("门店", "Store")))),
                        new Question(
                                "liked",
                                QuestionType.MULTIPLE_CHOICE,
                                false,
                                new Localized("您喜欢什么？", "What did you like?"),
                                null,
                                List.of(
                                        new Choice("price", new Localized("价格", "Price")),
                                        new Choice("service", new Localized("服务", "Service")),
                                        new Choice("delivery", new Localized("配送", "Delivery")))),
                        new Question(
                                "comment",
                                QuestionType.TEXT,
                                false,
                                new Localized("还有什么想告诉我们的？", "Anything else?"),
                                null,
                                null)));
    }
}
