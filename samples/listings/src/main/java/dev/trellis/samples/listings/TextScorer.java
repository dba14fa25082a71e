package dev.trellis.samples.listings;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Reconfigure;
import dev.trellis.annotations.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Scores a listing's text for spam; its threshold comes from configuration and changes in place. */
@Deployment(numReplicas = 2, resources = @Resources(cpus = 0.5, memoryMb = 128))
public final class TextScorer {

    private static final Set<String> SPAM_WORDS = Set.of("free", "winner", "guaranteed", "cash", "click");

    private volatile ScorerConfig config;

    public TextScorer(ScorerConfig config) {
        this.config = config;
    }

    public TextScore score(String title, String description) {
        ScorerConfig current = config;
        List<String> flagged = new ArrayList<>();
        for (String word : (title + " " + description).toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (SPAM_WORDS.contains(word) && !flagged.contains(word)) {
                flagged.add(word);
            }
        }
        double score = Math.min(1.0, 0.3 * flagged.size() + (isShouting(title) ? current.shoutingWeight() : 0));
        return new TextScore(score, flagged, score >= current.threshold());
    }

    @Reconfigure
    public void reconfigure(ScorerConfig newConfig) {
        this.config = newConfig;
    }

    private static boolean isShouting(String title) {
        long letters = title.chars().filter(Character::isLetter).count();
        return letters >= 4 && title.chars().filter(Character::isUpperCase).count() * 10 >= letters * 8;
    }
}
