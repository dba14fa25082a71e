package dev.trellis.samples.listings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the processor generated for the sample: reconfiguration in place and sealed results on the wire. */
class ListingsGeneratedCodeTest {

    @Test
    void reconfigureAppliesANewThresholdInPlace() throws Throwable {
        TextScorer scorer = new TextScorer(new ScorerConfig(0.5, 0.25));
        TextScorerDispatcher dispatcher = new TextScorerDispatcher();
        assertFalse(scorer.score("Free lamp", "").rejected());

        assertTrue(dispatcher.reconfigure(scorer, new ScorerConfig(0.2, 0.25)));

        assertTrue(scorer.score("Free lamp", "").rejected());
        assertEquals(Optional.of(ScorerConfig.class), dispatcher.configType());
    }

    @Test
    void sealedResultsCrossTheWire() {
        ListingIngressWire wire = new ListingIngressWire();
        int check = ListingIngressHandle.CHECK.index();
        for (PriceVerdict verdict : List.of(new PriceVerdict.Plausible(1200), new PriceVerdict.Suspicious("odd"))) {
            ListingReport report = new ListingReport(Decision.REVIEW, new TextScore(0.3, List.of("free"), false),
                    verdict);

            assertEquals(report, wire.decodeResponse(check, wire.encodeResponse(check, report)));
        }
    }

    @Test
    void requestArgumentsCrossTheWire() {
        TextScorerWire wire = new TextScorerWire();
        int score = TextScorerHandle.SCORE.index();
        Object[] decoded = wire.decodeRequest(score, wire.encodeRequest(score, new Object[] {"Desk", "Oak"}));

        assertEquals(List.of("Desk", "Oak"), List.of(decoded));
    }
}
