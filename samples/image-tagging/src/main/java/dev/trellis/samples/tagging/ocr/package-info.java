/**
 * Reads the text in an image with the PaddleOCR models (PP-OCRv4 detection and recognition, the v2.0
 * direction classifier) in plain Java, one class per step. Each step is a pure function of records
 * (arrays, strings, lists) that serialise as they are, so each can run in its own deployment:
 *
 * <ol>
 *   <li>{@link dev.trellis.samples.tagging.ocr.ImageDecoding}: upload bytes → {@link
 *       dev.trellis.samples.tagging.ocr.DecodedImage} (or {@link
 *       dev.trellis.samples.tagging.ocr.ImageRejectedException});
 *   <li>{@link dev.trellis.samples.tagging.ocr.DetectionPreprocessor}: {@link
 *       dev.trellis.samples.tagging.ocr.RgbImage} → {@link dev.trellis.samples.tagging.ocr.DetectionInput};
 *   <li>the detector model, batched with {@link dev.trellis.samples.tagging.ocr.DetectionBatch}: inputs →
 *       {@link dev.trellis.samples.tagging.ocr.ProbabilityMap}s;
 *   <li>{@link dev.trellis.samples.tagging.ocr.DbPostprocessor}: a map → {@link
 *       dev.trellis.samples.tagging.ocr.TextBox}es in reading order;
 *   <li>{@link dev.trellis.samples.tagging.ocr.TextCropper}: image and boxes → upright line crops;
 *   <li>{@link dev.trellis.samples.tagging.ocr.OrientationClassification} around the classifier model:
 *       crops → {@link dev.trellis.samples.tagging.ocr.Orientation}s → crops the right way up;
 *   <li>{@link dev.trellis.samples.tagging.ocr.TextRecognition} around the recogniser model: crops →
 *       {@link dev.trellis.samples.tagging.ocr.RecognizedText}s;
 *   <li>{@link dev.trellis.samples.tagging.ocr.TextLines}: boxes and texts → {@link
 *       dev.trellis.samples.tagging.ocr.OcrLine}s.
 * </ol>
 *
 * Model inputs and outputs travel as {@link dev.trellis.samples.tagging.ocr.FloatTensor}s, which convert to
 * and from the runtime's tensors without copying. {@link dev.trellis.samples.tagging.ocr.OcrPipeline} runs
 * all the steps in one process. {@link dev.trellis.samples.tagging.ocr.OcrModelFiles} finds the models.
 */
package dev.trellis.samples.tagging.ocr;
