package dev.sparkvideo.ffmpeg;

/**
 * One frame of a stream, in display order.
 *
 * @param streamIndex the stream it belongs to
 * @param frameIndex 0-based position in display order within the stream, as a full sequential decode counts it
 * @param pts presentation timestamp in the stream's time base
 * @param ptsSeconds {@code pts} in seconds
 * @param durationSeconds how long it is shown, in seconds, or {@code null} when neither the packet nor the frame
 *     says
 * @param keyFrame whether it can be decoded on its own
 * @param width width of {@code data} in pixels (after resize and rotation); the stream's when {@code data} is
 *     {@code null}
 * @param height height of {@code data} in pixels; the stream's when {@code data} is {@code null}
 * @param data the pixels or image file in the requested {@link FrameFormat}, or {@code null} when pixels were not
 *     requested; owned by the caller
 */
public record VideoFrame(int streamIndex, long frameIndex, long pts, double ptsSeconds, Double durationSeconds,
    boolean keyFrame, int width, int height, byte[] data) {}
