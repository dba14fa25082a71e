package dev.trellis.samples.listings;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Ingress;
import dev.trellis.annotations.Post;
import dev.trellis.annotations.Resources;
import dev.trellis.runtime.DeploymentResponse;

/** Receives a listing, asks both checkers at once and decides. */
@Ingress(path = "/listings")
@Deployment(resources = @Resources(cpus = 0.25, memoryMb = 64), maxOngoingRequests = 16)
public final class ListingIngress {

    private final TextScorerHandle text;
    private final PriceCheckerHandle prices;

    public ListingIngress(TextScorerHandle text, PriceCheckerHandle prices) {
        this.text = text;
        this.prices = prices;
    }

    @Post("/check")
    public ListingReport check(Listing listing) {
        if (listing == null || listing.title() == null || listing.title().isBlank()) {
            throw new IllegalArgumentException("a listing needs a 'title'");
        }
        String description = listing.description() == null ? "" : listing.description();
        DeploymentResponse<TextScore> score = text.score(listing.title(), description);
        DeploymentResponse<PriceVerdict> price = prices.check(listing.priceCents());
        return decide(score.join(), price.join());
    }

    private static ListingReport decide(TextScore score, PriceVerdict price) {
        Decision decision;
        if (score.rejected()) {
            decision = Decision.REJECT;
        } else if (price instanceof PriceVerdict.Suspicious || !score.flagged().isEmpty()) {
            decision = Decision.REVIEW;
        } else {
            decision = Decision.APPROVE;
        }
        return new ListingReport(decision, score, price);
    }
}
