package dev.sparkvideo.ffmpeg;

/**
 * The one exception the decoding core throws for a video it cannot read: it names the file, the FFmpeg function that
 * failed (when one did) and FFmpeg's own description of the error ({@code av_strerror}). When storage failed under
 * FFmpeg, the storage exception is the cause.
 */
public class VideoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String function;
  private final int errorCode;

  /**
   * @param path the file, as its URI or name
   * @param function the FFmpeg function that failed, or {@code null} when the failure was found by this library
   * @param errorCode FFmpeg's negative error code, or 0 when there is none
   * @param reason what went wrong, in words (FFmpeg's {@code av_strerror} text for FFmpeg errors)
   * @param cause the underlying failure, or {@code null}
   */
  public VideoException(String path, String function, int errorCode, String reason, Throwable cause) {
    super(message(path, function, errorCode, reason), cause);
    this.path = path;
    this.function = function;
    this.errorCode = errorCode;
  }

  /** A failure found by this library, not reported by an FFmpeg function. */
  public VideoException(String path, String reason) {
    this(path, null, 0, reason, null);
  }

  private static String message(String path, String function, int errorCode, String reason) {
    StringBuilder sb = new StringBuilder();
    if (function != null) {
      sb.append(function).append(" failed");
    } else {
      sb.append("Cannot read video");
    }
    sb.append(" for ").append(path).append(": ").append(reason);
    if (errorCode != 0) {
      sb.append(" (FFmpeg error ").append(errorCode).append(')');
    }
    return sb.toString();
  }

  /** The file that could not be read. */
  public String path() {
    return path;
  }

  /** The FFmpeg function that failed, or {@code null}. */
  public String function() {
    return function;
  }

  /** FFmpeg's negative error code, or 0. */
  public int errorCode() {
    return errorCode;
  }
}
