package dev.sparkvideo.ffmpeg;

import java.util.Locale;

/** What a frame's {@code data} holds. */
public enum FrameFormat {
  /** Packed RGB, 3 bytes per pixel, rows top to bottom, no padding ({@code height x width x 3}). */
  RGB24(3),
  /** Packed BGR (OpenCV's order), 3 bytes per pixel, no padding. */
  BGR24(3),
  /** 8-bit luma only, 1 byte per pixel, no padding. */
  GRAY(1),
  /** Planar YUV 4:2:0, 8 bits: the Y plane, then U, then V, each without padding; chroma is {@code ceil(w/2) x ceil(h/2)}. */
  YUV420P(0),
  /** A JPEG file (FFmpeg's mjpeg encoder, full-range 4:2:0). */
  JPEG(0),
  /** A PNG file (RGB, 8 bits per channel). */
  PNG(0);

  private final int bytesPerPixel;

  FrameFormat(int bytesPerPixel) {
    this.bytesPerPixel = bytesPerPixel;
  }

  /** Bytes per pixel of a packed raw format, 0 for planar and encoded formats. */
  int packedBytesPerPixel() {
    return bytesPerPixel;
  }

  /** Whether {@code data} is an encoded image file rather than raw pixels. */
  public boolean isEncoded() {
    return this == JPEG || this == PNG;
  }

  /** The lower-case name used in options ({@code rgb24}, {@code jpeg}, ...). */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format with this option name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the allowed values when there is none
   */
  public static FrameFormat fromOptionName(String name) {
    for (FrameFormat f : values()) {
      if (f.optionName().equalsIgnoreCase(name.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException("Unknown frame format '" + name + "'; expected one of "
        + "rgb24, bgr24, gray, yuv420p, jpeg, png");
  }
}
