package dev.trellis.samples.tagging;

import dev.trellis.annotations.Deployment;
import dev.trellis.annotations.Idempotent;
import dev.trellis.annotations.Resources;
import dev.trellis.runtime.Upload;
import dev.trellis.samples.tagging.ocr.DecodedImage;
import dev.trellis.samples.tagging.ocr.ImageDecoding;
import dev.trellis.samples.tagging.ocr.ImageRejectedException;
import dev.trellis.samples.tagging.tags.ImageStats;

/**
 * Step 2 (CPU): decodes the upload, checking it is a whole image of a sane size before its pixels are
 * allocated, turns it upright, and measures what the tags read from its pixels.
 */
@Deployment(resources = @Resources(cpus = 0.3, memoryMb = 1024), maxOngoingRequests = 8)
public final class Preprocessor {

    private final ImageDecoding decoding = ImageDecoding.create();

    /**
     * @throws ImageRejectedException if the upload is not an image this pipeline reads (empty, another
     *     format, truncated, too many pixels): the client's fault, answered with 400 and the reason
     */
    @Idempotent
    public PreparedImage prepare(Upload upload) {
        DecodedImage image = decoding.decode(upload.bytes(), upload.contentType());
        return new PreparedImage(image.format(), image.pixels(), ImageStats.of(image.pixels()));
    }
}
