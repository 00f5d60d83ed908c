package dev.sparkvideo.ffmpeg;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * The pixels of the frames a {@link FrameReader} returns: each decoded picture through its {@link FrameConverter},
 * on a second thread ({@link PipelinedConversion}, with {@link FrameRequest#conversionThread()}) while the reader
 * looks for the next frame, or on the reader's thread. With {@code reuseData} the previous
 * frame's array is written into when the size matches. Owns the converter and the pipeline.
 */
final class FramePixels implements AutoCloseable {
  private final FrameConverter converter;
  private final boolean reuseData;
  private PipelinedConversion pipeline;
  private byte[] lastData;
  private boolean closed;

  /**
   * @param pipelined whether conversions run on a second thread
   * @param reuseData whether a frame's array may be overwritten by the next frame's pixels
   */
  FramePixels(String path, FrameConverter converter, boolean pipelined, boolean reuseData) {
    this.converter = converter;
    this.reuseData = reuseData;
    try {
      this.pipeline = pipelined ? new PipelinedConversion(path, converter) : null;
    } catch (RuntimeException | Error e) {
      converter.close();
      throw e;
    }
  }

  /**
   * Converts {@code picture}; {@link #width()} and {@link #height()} then describe the result.
   *
   * @param meanwhile work to overlap with the conversion, run on this thread while the second thread converts (it
   *     must change nothing {@code picture} needs), or {@code null} to convert on this thread; not run at all when
   *     conversions are not pipelined
   */
  byte[] convert(AVFrame picture, Runnable meanwhile) {
    byte[] reuse = reuseData ? lastData : null;
    byte[] data;
    if (pipeline == null || meanwhile == null) {
      data = converter.convert(picture, reuse);
    } else {
      pipeline.start(picture, reuse);
      meanwhile.run();
      data = pipeline.finish();
    }
    if (reuseData) {
      lastData = data;
    }
    return data;
  }

  /** Width of the last converted frame. */
  int width() {
    return converter.width();
  }

  /** Height of the last converted frame. */
  int height() {
    return converter.height();
  }

  /** Waits for a conversion in flight, then frees the converter. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    lastData = null;
    if (pipeline != null) {
      pipeline.close();
      pipeline = null;
    }
    converter.close();
  }
}
