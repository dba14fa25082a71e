package dev.trellis.samples.tagging;

import dev.trellis.annotations.Application;

/**
 * The image-tagging pipeline: {@link TagIngress} takes an uploaded photo through {@link Preprocessor},
 * {@link TextDetector}, {@link DirectionClassifier}, {@link TextRecognizer} and {@link Tagging}.
 */
@Application(name = "image-tagging", ingress = TagIngress.class, requestTimeoutMillis = 60_000)
final class ImageTaggingApp {}
