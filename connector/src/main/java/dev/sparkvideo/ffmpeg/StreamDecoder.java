package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_STRICT;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** One stream's decoder: an opened AVCodecContext. */
final class StreamDecoder implements AutoCloseable {
  private AVCodecContext context;
  private boolean reorderDepthKnown;
  private boolean discardingUnreferenced;

  private StreamDecoder(AVCodecContext context) {
    this.context = context;
  }

  /**
   * Opens the decoder for {@code stream}.
   *
   * @param threads FFmpeg threads, 0 for automatic
   * @param maxPixels the largest picture the decoder may allocate (FFmpeg's {@code max_pixels})
   * @param depthDeclared whether the file declares the stream's reorder depth ({@link
   *     Demuxer#reorderDepthDeclared}); where it does not, the decoder holds back as many frames as the stream's
   *     level allows (FFmpeg's strict compliance: what {@code ffmpeg -strict strict} does), so that it never drops
   *     a frame shown later than a guessed depth allowed
   * @throws VideoException when no decoder exists for the codec or it cannot be opened
   */
  static StreamDecoder open(String path, AVStream stream, int threads, long maxPixels, boolean depthDeclared) {
    int codecId = stream.codecpar().codec_id();
    AVCodec codec = avcodec_find_decoder(codecId);
    if (codec == null || codec.isNull()) {
      throw new VideoException(path, "avcodec_find_decoder", 0, "no decoder for codec '"
          + avcodec_get_name(codecId).getString() + "' in this FFmpeg build", null);
    }
    AVCodecContext ctx = avcodec_alloc_context3(codec);
    if (ctx == null || ctx.isNull()) {
      throw AvErrors.failure(path, "avcodec_alloc_context3", AvErrors.ENOMEM, null);
    }
    StreamDecoder decoder = new StreamDecoder(ctx);
    try {
      int ret = avcodec_parameters_to_context(ctx, stream.codecpar());
      if (ret < 0) {
        throw AvErrors.failure(path, "avcodec_parameters_to_context", ret, null);
      }
      ctx.pkt_timebase(stream.time_base());
      ctx.thread_count(threads);
      ctx.max_pixels(maxPixels);
      ctx.thread_type(AVCodecContext.FF_THREAD_FRAME | AVCodecContext.FF_THREAD_SLICE);
      if (!depthDeclared) {
        ctx.strict_std_compliance(FF_COMPLIANCE_STRICT);
      }
      ret = avcodec_open2(ctx, codec, (AVDictionary) null);
      if (ret < 0) {
        throw AvErrors.failure(path, "avcodec_open2", ret, null);
      }
      // Before any packet: codecpar's video_delay, which the MP4 demuxer derives from every sample's composition
      // offset, or, where FFmpeg's probe decoded the first frames (Matroska, MPEG-TS), what its decoder learned
      // from them, or the codec's rule (MPEG-2, MPEG-4 Part 2). A depth the file declares, or for H.264 that
      // declares none, a guess the level's bound replaces at the first picture: never raised while decoding.
      decoder.reorderDepthKnown = ctx.has_b_frames() > 0;
      return decoder;
    } catch (RuntimeException | Error e) {
      decoder.close();
      throw e;
    }
  }

  /** {@code avcodec_send_packet}; {@code null} starts draining. Returns FFmpeg's code. */
  int send(AVPacket packet) {
    return avcodec_send_packet(context, packet);
  }

  /** {@code avcodec_receive_frame}: 0, {@code EAGAIN}, {@code EOF} or an error. */
  int receive(AVFrame frame) {
    return avcodec_receive_frame(context, frame);
  }

  /**
   * Whether the decoder knew, when opened, how many frames it must hold back to return them in display order (and
   * that it reorders at all), and will not raise that depth while decoding: a depth the file declares, or for H.264
   * that declares none, the level's bound ({@code depthDeclared} false). Only then can frames be left out before the
   * first one wanted without changing which later frames it returns: a depth guessed while decoding is raised late,
   * dropping a frame, and frames left out change the guess.
   */
  boolean reorderDepthKnown() {
    return reorderDepthKnown;
  }

  /**
   * Whether the packets sent from now on skip the pictures no other picture references (FFmpeg's
   * {@code skip_frame=nonref}): they are not decoded, not returned, and change nothing in the pictures that are.
   */
  void discardUnreferenced(boolean discard) {
    if (discard != discardingUnreferenced) {
      discardingUnreferenced = discard;
      context.skip_frame(discard ? AVDISCARD_NONREF : AVDISCARD_DEFAULT);
    }
  }

  /** Forgets all buffered packets and frames, as after a seek. */
  void flush() {
    avcodec_flush_buffers(context);
  }

  @Override
  public void close() {
    AVCodecContext ctx = context;
    context = null;
    if (ctx != null) {
      avcodec_free_context(ctx);
    }
  }
}
