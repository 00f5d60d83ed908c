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
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/** Encodes packed RGB24 pictures as PNG or JPEG files with FFmpeg's image encoders. */
final class ImageEncoder implements AutoCloseable {
  private boolean closed;
  /** JPEG quantizer scale, 2 (best) to 31: 2 keeps thumbnails visually lossless. */
  static final int JPEG_QSCALE = 2;

  private final String path;
  private final FrameFormat format;
  private final ImageScaler toYuv;
  private final AVFrame frame = av_frame_alloc();
  private final AVPacket packet = av_packet_alloc();
  private final PointerPointer<BytePointer> rgbData = new PointerPointer<>(4);
  private final IntPointer rgbLinesize = new IntPointer(4);
  private BytePointer rgb;
  private int rgbCapacity;
  private AVCodecContext context;
  private int width;
  private int height;

  ImageEncoder(String path, FrameFormat format) {
    if (!format.isEncoded()) {
      throw new IllegalArgumentException("Not an image file format: " + format);
    }
    this.path = path;
    this.format = format;
    this.toYuv = format == FrameFormat.JPEG ? new ImageScaler(path) : null;
    if (frame == null || frame.isNull() || packet == null || packet.isNull()) {
      close();
      throw AvErrors.failure(path, "av_frame_alloc", AvErrors.ENOMEM, null);
    }
  }

  /** Encodes a tightly packed RGB24 picture. */
  byte[] encode(BytePointer rgbPixels, int w, int h) {
    ensureContext(w, h);
    int ret = av_image_fill_arrays(rgbData, rgbLinesize, rgbPixels, AV_PIX_FMT_RGB24, w, h, 1);
    if (ret < 0) {
      throw AvErrors.failure(path, "av_image_fill_arrays", ret, null);
    }
    frame.width(w).height(h);
    if (format == FrameFormat.JPEG) {
      toYuv.scale(rgbData, rgbLinesize, w, h, AV_PIX_FMT_RGB24, w, h, AV_PIX_FMT_YUVJ420P);
      ret = av_image_fill_arrays(frame.data(), frame.linesize(), toYuv.output(), AV_PIX_FMT_YUVJ420P, w, h, 1);
      frame.format(AV_PIX_FMT_YUVJ420P).quality(context.global_quality());
    } else {
      ret = av_image_fill_arrays(frame.data(), frame.linesize(), rgbPixels, AV_PIX_FMT_RGB24, w, h, 1);
      frame.format(AV_PIX_FMT_RGB24);
    }
    if (ret < 0) {
      throw AvErrors.failure(path, "av_image_fill_arrays", ret, null);
    }
    ret = avcodec_send_frame(context, frame);
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

  /** Encodes a picture held in a Java array. */
  byte[] encode(byte[] rgbPixels, int w, int h) {
    if (rgb == null || rgbCapacity < rgbPixels.length) {
      if (rgb != null) {
        rgb.close();
      }
      rgb = new BytePointer(rgbPixels.length);
      rgbCapacity = rgbPixels.length;
    }
    rgb.position(0).put(rgbPixels, 0, rgbPixels.length);
    return encode(rgb, w, h);
  }

  private void ensureContext(int w, int h) {
    if (context != null && w == width && h == height) {
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
    ctx.width(w).height(h);
    ctx.time_base().num(1).den(25);
    if (format == FrameFormat.JPEG) {
      ctx.pix_fmt(AV_PIX_FMT_YUVJ420P);
      ctx.color_range(AVCOL_RANGE_JPEG);
      ctx.flags(ctx.flags() | AV_CODEC_FLAG_QSCALE);
      ctx.global_quality(JPEG_QSCALE * FF_QP2LAMBDA);
    } else {
      ctx.pix_fmt(AV_PIX_FMT_RGB24);
    }
    int ret = avcodec_open2(ctx, codec, (AVDictionary) null);
    if (ret < 0) {
      throw AvErrors.failure(path, "avcodec_open2 (" + format.optionName() + " encoder)", ret, null);
    }
    width = w;
    height = h;
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
    if (toYuv != null) {
      toYuv.close();
    }
    if (frame != null) {
      av_frame_free(frame);
    }
    if (packet != null) {
      av_packet_free(packet);
    }
    if (rgb != null) {
      rgb.close();
      rgb = null;
    }
    rgbData.close();
    rgbLinesize.close();
  }
}
