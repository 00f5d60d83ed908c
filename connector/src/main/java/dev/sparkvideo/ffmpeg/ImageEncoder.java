package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PNG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Encodes pictures as PNG or JPEG files with FFmpeg's image encoders, from frames already in the encoder's pixel
 * format ({@code rgb24} for PNG, full-range {@code yuvj420p} for JPEG): {@link FrameConverter}'s filters convert to it.
 */
final class ImageEncoder implements AutoCloseable {
  /** JPEG quantizer scale, 2 (best) to 31: 2 keeps thumbnails visually lossless. */
  static final int JPEG_QSCALE = 2;

  private final String path;
  private final FrameFormat format;
  private final AVPacket packet = av_packet_alloc();
  private AVCodecContext context;
  private int width;
  private int height;
  private int pixelFormat;
  private boolean closed;

  ImageEncoder(String path, FrameFormat format) {
    if (!format.isEncoded()) {
      throw new IllegalArgumentException("Not an image file format: " + format);
    }
    this.path = path;
    this.format = format;
    if (packet == null || packet.isNull()) {
      close();
      throw AvErrors.failure(path, "av_packet_alloc", AvErrors.ENOMEM, null);
    }
  }

  /** Encodes one picture; the frame stays the caller's. */
  byte[] encode(AVFrame picture) {
    ensureContext(picture.width(), picture.height(), picture.format());
    if (format == FrameFormat.JPEG) {
      picture.quality(context.global_quality());
    }
    int ret = avcodec_send_frame(context, picture);
    if (ret < 0) {
      throw AvErrors.failure(path, "avcodec_send_frame", ret, null);
    }
    ret = avcodec_receive_packet(context, packet);
    if (ret < 0) {
      throw AvErrors.failure(path, "avcodec_receive_packet", ret, null);
    }
    try {
      byte[] out = new byte[packet.size()];
      packet.data().position(0).get(out);
      return out;
    } finally {
      av_packet_unref(packet);
    }
  }

  private void ensureContext(int w, int h, int pixFmt) {
    if (context != null && w == width && h == height && pixFmt == pixelFormat) {
      return;
    }
    freeContext();
    AVCodec codec = avcodec_find_encoder(format == FrameFormat.PNG ? AV_CODEC_ID_PNG : AV_CODEC_ID_MJPEG);
    if (codec == null || codec.isNull()) {
      throw new VideoException(path, "avcodec_find_encoder", 0, "no " + format.optionName()
          + " encoder in this FFmpeg build", null);
    }
    AVCodecContext ctx = avcodec_alloc_context3(codec);
    if (ctx == null || ctx.isNull()) {
      throw AvErrors.failure(path, "avcodec_alloc_context3", AvErrors.ENOMEM, null);
    }
    context = ctx;
    ctx.width(w).height(h).pix_fmt(pixFmt);
    ctx.time_base().num(1).den(25);
    if (format == FrameFormat.JPEG) {
      ctx.color_range(AVCOL_RANGE_JPEG);
      ctx.flags(ctx.flags() | AV_CODEC_FLAG_QSCALE);
      ctx.global_quality(JPEG_QSCALE * FF_QP2LAMBDA);
    }
    int ret = avcodec_open2(ctx, codec, (AVDictionary) null);
    if (ret < 0) {
      throw AvErrors.failure(path, "avcodec_open2 (" + format.optionName() + " encoder)", ret, null);
    }
    width = w;
    height = h;
    pixelFormat = pixFmt;
  }

  private void freeContext() {
    if (context != null) {
      avcodec_free_context(context);
      context = null;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    freeContext();
    if (packet != null && !packet.isNull()) {
      av_packet_free(packet);
    }
  }
}
