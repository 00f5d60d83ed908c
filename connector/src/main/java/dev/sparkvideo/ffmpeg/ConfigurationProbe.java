package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_color_primaries_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_space_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_transfer_name;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt;
import static org.bytedeco.ffmpeg.global.avutil.av_image_check_sar;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * FFmpeg's stream probe ({@code avformat_find_stream_info}) without decoding video, for every file opened. The probe
 * normally decodes the first frames of every video stream to learn what the decoder will report
 * (pixel format, sample aspect ratio, colour description, cropped size); for H.264 in MP4/MOV those follow from the
 * sequence parameter set in the stream's {@code avcC} record. This class sets them on the stream's codec parameters
 * exactly as FFmpeg's H.264 decoder derives them, then runs the probe with video decoding skipped: the probe still
 * reads what it needs (first timestamps, audio streams, durations and bit rates) and computes everything else itself.
 *
 * <p>Files where any video stream is not H.264 with such a record, whose frame rate the header does not give, or
 * whose parameter set this class does not handle (interlaced, monochrome, unusual layouts) are probed by decoding, as
 * FFmpeg does, but with the video decoders' loop filter off: it only smooths the pixels of the frames the probe
 * decodes and throws away.
 *
 * <p>A decoder opened afterwards from the stream's codec parameters reads its configuration from the same record and
 * its reorder depth from the container (the MP4 demuxer derives it from every sample's composition offset) or the
 * parameter set, not from the probe's decoder, so it returns the frames it would after FFmpeg's own probe.
 */
final class ConfigurationProbe {
  private static final String MOV_DEMUXER = "mov,mp4,m4a,3gp,3g2,mj2";
  private static final String ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "le" : "be";

  private ConfigurationProbe() {}

  /**
   * Runs {@code avformat_find_stream_info} on {@code ctx}, without decoding video when the streams allow it, and
   * otherwise decoding video without its loop filter (deblocking changes pixels, never what the probe learns).
   *
   * @return what {@code avformat_find_stream_info} returned
   */
  static int findStreamInfo(AVFormatContext ctx) {
    List<H264SequenceParameters> parameters = videoParameters(ctx);
    int streams = ctx.nb_streams();
    try (PointerPointer<AVDictionary> options = new PointerPointer<>(streams)) {
      try {
        for (int i = 0; i < streams; i++) {
          AVDictionary dict = new AVDictionary(null);
          AVCodecParameters par = ctx.streams(i).codecpar();
          if (par.codec_type() == AVMEDIA_TYPE_VIDEO && parameters != null) {
            setDecoderOutput(par, parameters.get(i));
            av_dict_set(dict, "skip_frame", "all", 0);
          } else if (par.codec_type() == AVMEDIA_TYPE_VIDEO) {
            av_dict_set(dict, "skip_loop_filter", "all", 0);
          }
          options.put(i, dict);
        }
        return avformat_find_stream_info(ctx, options);
      } finally {
        for (int i = 0; i < streams; i++) {
          AVDictionary dict = new AVDictionary(options.get(i));
          if (!dict.isNull()) {
            av_dict_free(dict);
          }
        }
      }
    }
  }

  /** Whether {@link #findStreamInfo} probes {@code ctx} without decoding video (for tests). */
  static boolean appliesTo(AVFormatContext ctx) {
    return videoParameters(ctx) != null;
  }

  /** The SPS of each video stream (null for other streams), or null when some video stream must be decoded. */
  private static List<H264SequenceParameters> videoParameters(AVFormatContext ctx) {
    if (!MOV_DEMUXER.equals(ctx.iformat().name().getString())) {
      return null;
    }
    List<H264SequenceParameters> parameters = new ArrayList<>();
    boolean anyVideo = false;
    for (int i = 0; i < ctx.nb_streams(); i++) {
      AVStream st = ctx.streams(i);
      AVCodecParameters par = st.codecpar();
      if (par.codec_type() != AVMEDIA_TYPE_VIDEO) {
        parameters.add(null);
        continue;
      }
      Optional<H264SequenceParameters> sps = par.codec_id() == AV_CODEC_ID_H264
          && st.r_frame_rate().num() > 0 && st.avg_frame_rate().num() > 0
          && par.width() > 0 && par.height() > 0 && par.extradata_size() > 0
          ? H264SequenceParameters.fromAvcConfiguration(extradata(par)) : Optional.empty();
      if (sps.isEmpty()) {
        return null;
      }
      parameters.add(sps.get());
      anyVideo = true;
    }
    return anyVideo ? parameters : null;
  }

  private static byte[] extradata(AVCodecParameters par) {
    byte[] bytes = new byte[par.extradata_size()];
    par.extradata().get(bytes);
    return bytes;
  }

  /** What FFmpeg's H.264 decoder exports at the first slice (h264_init_ps and h264_slice_header_init). */
  private static void setDecoderOutput(AVCodecParameters par, H264SequenceParameters sps) {
    if (sps.signalTypePresent()) {
      par.color_range(sps.fullRange() ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG);
      if (sps.colourDescriptionPresent()) {
        par.color_primaries(named(av_color_primaries_name(sps.colourPrimaries()))
            ? sps.colourPrimaries() : AVCOL_PRI_UNSPECIFIED);
        par.color_trc(named(av_color_transfer_name(sps.transferCharacteristics()))
            ? sps.transferCharacteristics() : AVCOL_TRC_UNSPECIFIED);
        par.color_space(named(av_color_space_name(sps.matrixCoefficients()))
            ? sps.matrixCoefficients() : AVCOL_SPC_UNSPECIFIED);
      }
    }
    par.format(av_get_pix_fmt(pixelFormatName(sps, par.color_space(), par.color_range())));

    int width = sps.codedWidth() - sps.cropLeft() - sps.cropRight();
    int height = sps.codedHeight() - sps.cropTop() - sps.cropBottom();
    int callerWidth = par.width();
    int callerHeight = par.height();
    // The decoder keeps the container's size when it only trims the macroblock padding (init_dimensions).
    if (sps.cropTop() == 0 && sps.cropLeft() == 0 && align16(callerWidth) == align16(width)
        && align16(callerHeight) == align16(height) && callerWidth <= width && callerHeight <= height) {
      width = callerWidth;
      height = callerHeight;
    }
    par.width(width).height(height);

    try (AVRational sar = new AVRational().num(sps.sarNum()).den(sps.sarDen())) {
      if (av_image_check_sar(width, height, sar) < 0) {
        sar.num(0).den(1);
      }
      par.sample_aspect_ratio(sar);
    }
  }

  /** h264_slice.c get_pixel_format, without hardware formats. */
  private static String pixelFormatName(H264SequenceParameters sps, int colorSpace, int colorRange) {
    boolean rgb = colorSpace == AVCOL_SPC_RGB;
    boolean jpeg = colorRange == AVCOL_RANGE_JPEG;
    String layout = switch (sps.chromaFormatIdc()) {
      case 3 -> rgb ? "gbrp" : "444p";
      case 2 -> "422p";
      default -> "420p";
    };
    if (sps.bitDepth() == 8) {
      return layout.equals("gbrp") ? layout : (jpeg ? "yuvj" : "yuv") + layout;
    }
    return (layout.equals("gbrp") ? layout : "yuv" + layout) + sps.bitDepth() + ENDIAN;
  }

  private static int align16(int v) {
    return (v + 15) & ~15;
  }

  private static boolean named(BytePointer name) {
    return name != null && !name.isNull();
  }
}
