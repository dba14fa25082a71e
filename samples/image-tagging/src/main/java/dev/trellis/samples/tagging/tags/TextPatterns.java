package dev.trellis.samples.tagging.tags;

import java.util.regex.Pattern;

/**
 * Recognises prices, percentages, web addresses and e-mail addresses in a line of OCR'd text. The
 * patterns tolerate what OCR does to such text: spaces dropped or added around symbols ("Price$12.99",
 * "50 %"). Texts reach them NFKC-normalised, so full-width forms ("５０％") match as ASCII.
 */
final class TextPatterns {

    private static final String SYMBOL = "[$€£¥₹₩₽]";
    private static final String CODE = "(?i:USD|EUR|GBP|JPY|CNY|RMB|CHF|CAD|AUD|SEK|NOK|DKK|PLN|INR)";
    /** 12, 12.99, 12,99, 1,299.00, 1.299,00, 1 299,00 (thousands with a separator only in groups of three). */
    private static final String AMOUNT = "(?<![\\d.,])(?:\\d{1,3}(?:[.,' ]\\d{3})+|\\d+)(?:[.,]\\d{1,2})?(?![\\d])";

    private static final Pattern PRICE = Pattern.compile(
            "(?:" + SYMBOL + "|\\b" + CODE + ")\\s?" + AMOUNT
                    + "|" + AMOUNT + "\\s?(?:" + SYMBOL + "|" + CODE + "\\b|元)");
    private static final Pattern PERCENTAGE = Pattern.compile(
            "(?<![\\d.,])\\d+(?:[.,]\\d+)?\\s?(?:%|(?i:percent|per cent|pct)\\b)");
    private static final Pattern EMAIL = Pattern.compile(
            "(?i)\\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}\\b");
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)\\S+"
                    + "|(?<![@\\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+"
                    + "(?:com|org|net|io|dev|app|shop|store|info|biz|co|uk|de|fr|it|es|nl|eu|ch|at|be|se|no|dk|pl"
                    + "|us|ca|au|cn|jp|kr|ru|in)\\b(?![.-]?\\w)");

    private TextPatterns() {}

    /** An amount with a currency: $12.99, 12,99 €, EUR 5, 5 EUR, ¥500, 100元. */
    static boolean hasPrice(String text) {
        return PRICE.matcher(text).find();
    }

    /** A number with a percent sign or word: 50%, 12.5 %, 20 percent. */
    static boolean hasPercentage(String text) {
        return PERCENTAGE.matcher(text).find();
    }

    /** A web address: with a scheme or www., or a bare domain under a common top-level domain. */
    static boolean hasUrl(String text) {
        // The domain of an e-mail address is not a web address.
        return URL.matcher(EMAIL.matcher(text).replaceAll(" ")).find();
    }

    /** An e-mail address: name@domain.tld. */
    static boolean hasEmail(String text) {
        return EMAIL.matcher(text).find();
    }
}
