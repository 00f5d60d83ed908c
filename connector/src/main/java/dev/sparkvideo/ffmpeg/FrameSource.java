package dev.sparkvideo.ffmpeg;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The frames of one stream in display order, as a {@link FrameReader} walks them: decoded pictures
 * ({@link DecodedFrames}, {@link DeinterlacedFrames}) or packets standing for frames ({@link PacketFrames}). Each
 * tells the frame's time, duration and key flag; frame indices are {@link FrameNumbering}'s.
 */
interface FrameSource extends AutoCloseable {
  /**
   * Moves to the next frame.
   *
   * @return false when the stream has no more frames
   * @throws VideoException when the file cannot be read
   */
  boolean next();

  /** The frame's presentation time, in the stream's time base: never {@link Timestamps#NONE}. */
  long pts();

  /** How long the frame is shown, in the stream's time base, or 0 when unknown. */
  long duration();

  /** Whether the frame decodes on its own. */
  boolean key();

  /** The frame's decoded picture, valid until the next {@link #next()}, or {@code null} when nothing is decoded. */
  AVFrame picture();

  /** Forgets every frame and packet buffered, before the reader moves to another position. */
  void reset();

  /** Pictures the decoder has produced, including those decoded only to reach a later one. */
  long framesDecoded();

  /** Frees what the source owns. Idempotent. */
  @Override
  void close();
}
