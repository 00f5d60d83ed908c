package dev.sparkvideo.ffmpeg;

import java.util.Objects;

/**
 * Which frames to read from a video and how to deliver them. Immutable; build one with {@link #builder()}.
 *
 * <p>Defaults: the best video stream, every frame, RGB24 at the stream's size, rotation applied, one decoder thread,
 * pixels decoded.
 */
public final class FrameRequest {
  private final Integer streamIndex;
  private final Double startSeconds;
  private final Double endSeconds;
  private final FrameFormat format;
  private final Integer width;
  private final Integer height;
  private final boolean autorotate;
  private final int threads;
  private final boolean decodePixels;
  private final boolean keyframesOnly;
  private final long frameStep;
  private final long firstFrameIndex;
  private final long endFrameIndex;
  private final long maxFramePixels;
  private final long maxFrameBytes;
  private final boolean reuseData;
  private final boolean deinterlace;
  private final boolean conversionThread;

  /** The default {@link #maxFramePixels()}: 8192 x 8192, above 8K UHD. */
  public static final long DEFAULT_MAX_FRAME_PIXELS = 8192L * 8192L;
  /** The default {@link #maxFrameBytes()}: 256 MiB. */
  public static final long DEFAULT_MAX_FRAME_BYTES = 256L << 20;

  private FrameRequest(Builder b) {
    this.streamIndex = b.streamIndex;
    this.startSeconds = b.startSeconds;
    this.endSeconds = b.endSeconds;
    this.format = b.format;
    this.width = b.width;
    this.height = b.height;
    this.autorotate = b.autorotate;
    this.threads = b.threads;
    this.decodePixels = b.decodePixels;
    this.keyframesOnly = b.keyframesOnly;
    this.frameStep = b.frameStep;
    this.firstFrameIndex = b.firstFrameIndex;
    this.endFrameIndex = b.endFrameIndex;
    this.maxFramePixels = b.maxFramePixels;
    this.maxFrameBytes = b.maxFrameBytes;
    this.reuseData = b.reuseData;
    this.deinterlace = b.deinterlace;
    this.conversionThread = b.conversionThread;
  }

  /** A request with every default. */
  public static FrameRequest defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The stream to read, or {@code null} for the container's best video stream. */
  public Integer streamIndex() {
    return streamIndex;
  }

  /** Frames with {@code pts_seconds >= startSeconds} are returned, or {@code null} for no lower bound. */
  public Double startSeconds() {
    return startSeconds;
  }

  /** Frames with {@code pts_seconds < endSeconds} are returned, or {@code null} for no upper bound. */
  public Double endSeconds() {
    return endSeconds;
  }

  /** The format of {@link VideoFrame#data()}. */
  public FrameFormat format() {
    return format;
  }

  /** The output width, or {@code null} to keep the stream's (or follow {@link #height()} keeping the aspect). */
  public Integer width() {
    return width;
  }

  /** The output height, or {@code null} to keep the stream's (or follow {@link #width()} keeping the aspect). */
  public Integer height() {
    return height;
  }

  /** Whether the stream's rotation metadata is applied to the pixels, as the ffmpeg CLI and torchcodec do. */
  public boolean autorotate() {
    return autorotate;
  }

  /** FFmpeg decoder threads; 0 lets FFmpeg choose. */
  public int threads() {
    return threads;
  }

  /**
   * Whether frames are decoded. When {@code false} frames come from the demuxer alone (pts, key flag, index; no
   * data), which reads the same packets but decodes nothing.
   */
  public boolean decodePixels() {
    return decodePixels;
  }

  /**
   * Whether only keyframes are returned. Only keyframe packets are then decoded (or, without pixels, read into
   * frames); frame indices still count every frame of the stream.
   */
  public boolean keyframesOnly() {
    return keyframesOnly;
  }

  /** Only frames whose index is a multiple of this are returned (and converted); 1 returns every frame. */
  public long frameStep() {
    return frameStep;
  }

  /** Frames with a smaller index are not returned (nor converted). */
  public long firstFrameIndex() {
    return firstFrameIndex;
  }

  /** Reading stops at the first frame with this index or a larger one ({@code Long.MAX_VALUE}: no limit). */
  public long endFrameIndex() {
    return endFrameIndex;
  }

  /**
   * The largest decoded picture accepted, in pixels (width x height, as the stream declares it and as each decoded
   * frame has it): a crafted header cannot make a reader allocate gigabytes. A larger frame fails the read with a
   * {@link VideoException} naming this limit.
   */
  public long maxFramePixels() {
    return maxFramePixels;
  }

  /** The largest {@code data} accepted, in bytes, checked before the output is allocated (raw formats) or returned. */
  public long maxFrameBytes() {
    return maxFrameBytes;
  }

  /**
   * Whether each frame's raw {@code data} may be written into the array of the previous frame when it has the same
   * size, instead of a new one: the array then stays valid only until the next {@link FrameReader#next()}.
   */
  public boolean reuseData() {
    return reuseData;
  }

  /**
   * Whether interlaced frames are made progressive with FFmpeg's {@code bwdif} filter before conversion (one frame
   * out per frame in; frames not marked interlaced pass unchanged). Off by default, so that pixels are the command
   * line's {@code -pix_fmt} output.
   */
  public boolean deinterlace() {
    return deinterlace;
  }

  /**
   * Whether each frame is converted (scaled, packed, encoded as JPEG/PNG) on a second thread while the reader decodes
   * the next frame in range, as the ffmpeg command line runs its filters on a thread of its own. On by default; the
   * frames are the same either way. A frame goes to the second thread only while this JVM has a core spare for it:
   * every reader converting pixels counts one of {@link Runtime#availableProcessors()}, every conversion in flight one
   * more, so with as many readers as cores each converts on its own thread. The reader looks ahead from the second
   * frame on, so a read that takes only the first frame decodes nothing past it, and never past the last frame the
   * request wants.
   */
  public boolean conversionThread() {
    return conversionThread;
  }

  /** Builds a {@link FrameRequest}, checking each value as it is set. */
  public static final class Builder {
    private Integer streamIndex;
    private Double startSeconds;
    private Double endSeconds;
    private FrameFormat format = FrameFormat.RGB24;
    private Integer width;
    private Integer height;
    private boolean autorotate = true;
    private int threads = 1;
    private boolean decodePixels = true;
    private boolean keyframesOnly;
    private long frameStep = 1;
    private long firstFrameIndex;
    private long endFrameIndex = Long.MAX_VALUE;
    private long maxFramePixels = DEFAULT_MAX_FRAME_PIXELS;
    private long maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private boolean reuseData;
    private boolean deinterlace;
    private boolean conversionThread = true;

    private Builder() {}

    /**
     * @param index a stream index, {@code >= 0}, or {@code null} for the best video stream
     * @throws IllegalArgumentException when negative
     */
    public Builder streamIndex(Integer index) {
      if (index != null && index < 0) {
        throw new IllegalArgumentException("streamIndex must be >= 0, got " + index);
      }
      this.streamIndex = index;
      return this;
    }

    /**
     * @param seconds the first pts to return, finite, or {@code null}
     * @throws IllegalArgumentException when not finite
     */
    public Builder startSeconds(Double seconds) {
      this.startSeconds = finite("startSeconds", seconds);
      return this;
    }

    /**
     * @param seconds the end of the range (exclusive), finite, or {@code null}
     * @throws IllegalArgumentException when not finite
     */
    public Builder endSeconds(Double seconds) {
      this.endSeconds = finite("endSeconds", seconds);
      return this;
    }

    /** @param format the output format, not null */
    public Builder format(FrameFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * @param width output width in pixels, {@code 1..16384}, or {@code null}
     * @throws IllegalArgumentException when out of range
     */
    public Builder width(Integer width) {
      this.width = dimension("width", width);
      return this;
    }

    /**
     * @param height output height in pixels, {@code 1..16384}, or {@code null}
     * @throws IllegalArgumentException when out of range
     */
    public Builder height(Integer height) {
      this.height = dimension("height", height);
      return this;
    }

    /** @param autorotate whether to apply the stream's rotation metadata (default true) */
    public Builder autorotate(boolean autorotate) {
      this.autorotate = autorotate;
      return this;
    }

    /**
     * @param threads decoder threads, {@code 0..64}; 0 lets FFmpeg choose (default 1)
     * @throws IllegalArgumentException when out of range
     */
    public Builder threads(int threads) {
      if (threads < 0 || threads > 64) {
        throw new IllegalArgumentException("threads must be between 0 and 64, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** @param decodePixels whether to decode frames (default true); see {@link FrameRequest#decodePixels()} */
    public Builder decodePixels(boolean decodePixels) {
      this.decodePixels = decodePixels;
      return this;
    }

    /** @param keyframesOnly whether to return keyframes only (default false) */
    public Builder keyframesOnly(boolean keyframesOnly) {
      this.keyframesOnly = keyframesOnly;
      return this;
    }

    /**
     * @param step return only frames whose index is a multiple of this, {@code >= 1} (default 1)
     * @throws IllegalArgumentException when below 1
     */
    public Builder frameStep(long step) {
      if (step < 1) {
        throw new IllegalArgumentException("frameStep must be >= 1, got " + step);
      }
      this.frameStep = step;
      return this;
    }

    /**
     * Returns only frames with {@code first <= frame_index < end}; frames outside are decoded only as far as the
     * codec needs them, never converted, and reading stops at {@code end}.
     *
     * @throws IllegalArgumentException when {@code first} is negative or not below {@code end}
     */
    public Builder frameIndexRange(long first, long end) {
      if (first < 0 || first >= end) {
        throw new IllegalArgumentException("frame index range [" + first + ", " + end + ") is empty or negative");
      }
      this.firstFrameIndex = first;
      this.endFrameIndex = end;
      return this;
    }

    /**
     * @param pixels the largest width x height accepted, {@code >= 1} (default {@link #DEFAULT_MAX_FRAME_PIXELS})
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxFramePixels(long pixels) {
      if (pixels < 1) {
        throw new IllegalArgumentException("maxFramePixels must be >= 1, got " + pixels);
      }
      this.maxFramePixels = pixels;
      return this;
    }

    /**
     * @param reuse whether frames of the same size share one {@code data} array, overwritten by each
     *     {@link FrameReader#next()} (default false: every frame gets its own array). Saves allocating, zeroing and
     *     collecting one array per frame (6 MB for 1080p RGB) when the caller copies the pixels before moving on.
     */
    public Builder reuseData(boolean reuse) {
      this.reuseData = reuse;
      return this;
    }

    /**
     * @param conversionThread whether frames are converted on a second thread (default true); see
     *     {@link FrameRequest#conversionThread()}
     */
    public Builder conversionThread(boolean conversionThread) {
      this.conversionThread = conversionThread;
      return this;
    }

    /** @param deinterlace whether to run {@code bwdif} (default false); see {@link FrameRequest#deinterlace()} */
    public Builder deinterlace(boolean deinterlace) {
      this.deinterlace = deinterlace;
      return this;
    }

    /**
     * @param bytes the largest frame {@code data} accepted, {@code >= 1} (default {@link #DEFAULT_MAX_FRAME_BYTES})
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxFrameBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxFrameBytes must be >= 1, got " + bytes);
      }
      this.maxFrameBytes = bytes;
      return this;
    }

    /**
     * @throws IllegalArgumentException when the start is not before the end
     */
    public FrameRequest build() {
      if (startSeconds != null && endSeconds != null && !(startSeconds < endSeconds)) {
        throw new IllegalArgumentException("startSeconds (" + startSeconds + ") must be less than endSeconds ("
            + endSeconds + ")");
      }
      return new FrameRequest(this);
    }

    private static Double finite(String name, Double value) {
      if (value != null && !Double.isFinite(value)) {
        throw new IllegalArgumentException(name + " must be a finite number, got " + value);
      }
      return value;
    }

    private static Integer dimension(String name, Integer value) {
      if (value != null && (value < 1 || value > 16384)) {
        throw new IllegalArgumentException(name + " must be between 1 and 16384, got " + value);
      }
      return value;
    }
  }
}
