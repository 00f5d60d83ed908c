package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BB;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_BT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_PROGRESSIVE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TB;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_TT;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_color_primaries_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_space_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_transfer_name;
import static org.bytedeco.ffmpeg.global.avutil.av_get_media_type_string;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads {@link VideoMetadata} from an opened container (and, in exact mode, its {@link ContentIndex}), with
 * torchcodec's definitions of every header value and derived value.
 */
final class MetadataReader {
  private MetadataReader() {}

  static VideoMetadata read(AVFormatContext fmt, ContentIndex content, SeekMode mode) {
    Double containerDuration = fmt.duration() > 0 ? fmt.duration() / (double) AV_TIME_BASE : null;
    ContainerMetadata container = new ContainerMetadata(
        string(fmt.iformat().name()),
        containerDuration,
        fmt.bit_rate() > 0 ? fmt.bit_rate() : null,
        bestStream(fmt, AVMEDIA_TYPE_VIDEO),
        bestStream(fmt, AVMEDIA_TYPE_AUDIO),
        fmt.nb_streams());
    List<StreamMetadata> streams = new ArrayList<>();
    for (int i = 0; i < fmt.nb_streams(); i++) {
      streams.add(stream(fmt, fmt.streams(i), i, containerDuration, content, mode));
    }
    return new VideoMetadata(container, streams, mode);
  }

  private static Integer bestStream(AVFormatContext fmt, int type) {
    try (PointerPointer<AVCodec> decoder = new PointerPointer<>(1)) {
      int index = av_find_best_stream(fmt, type, -1, -1, decoder, 0);
      return index >= 0 ? index : null;
    }
  }

  private static StreamMetadata stream(AVFormatContext fmt, AVStream st, int index, Double containerDuration,
      ContentIndex content, SeekMode mode) {
    AVCodecParameters par = st.codecpar();
    Timestamps time = new Timestamps(st.time_base());
    int type = par.codec_type();
    boolean video = type == AVMEDIA_TYPE_VIDEO;
    boolean audio = type == AVMEDIA_TYPE_AUDIO;

    Long framesFromHeader = st.nb_frames() > 0 ? st.nb_frames() : null;
    Double durationFromHeader = st.duration() > 0 && st.time_base().den() > 0 ? time.seconds(st.duration()) : null;
    Double beginFromHeader = st.start_time() != Timestamps.NONE ? time.seconds(st.start_time()) : null;
    Double fpsFromHeader = video ? positive(rational(st.r_frame_rate())) : null;

    Double beginFromContent = null;
    Double endFromContent = null;
    Long framesFromContent = null;
    if (content != null) {
      framesFromContent = content.frameCount(index);
      if (framesFromContent > 0) {
        beginFromContent = time.seconds(content.firstPts(index));
        endFromContent = time.seconds(content.endPts(index));
      }
    }

    Double duration;
    Double begin;
    Double end;
    Long frames;
    Double fps;
    if (mode == SeekMode.EXACT && beginFromContent != null) {
      duration = endFromContent - beginFromContent;
      begin = beginFromContent;
      end = endFromContent;
      frames = framesFromContent;
      fps = duration != 0 ? Double.valueOf(framesFromContent / duration) : fpsFromHeader;
    } else if (mode == SeekMode.EXACT) {
      // The scan found no frame in this stream: it has none, and no content span.
      duration = null;
      begin = beginFromHeader != null ? beginFromHeader : 0.0;
      end = null;
      frames = 0L;
      fps = fpsFromHeader;
    } else {
      if (durationFromHeader != null) {
        duration = durationFromHeader;
      } else if (framesFromHeader != null && fpsFromHeader != null) {
        duration = framesFromHeader / fpsFromHeader;
      } else {
        duration = containerDuration;
      }
      begin = beginFromHeader != null ? beginFromHeader : 0.0;
      end = duration != null ? begin + duration : null;
      if (framesFromHeader != null) {
        frames = framesFromHeader;
      } else if (fpsFromHeader != null && duration != null) {
        frames = (long) (fpsFromHeader * duration);
      } else {
        frames = null;
      }
      fps = fpsFromHeader;
    }

    Integer width = null;
    Integer height = null;
    Double rotation = null;
    if (video) {
      rotation = Rotation.degrees(par);
      boolean swap = Rotation.swapsSides(rotation);
      width = positiveInt(swap ? par.height() : par.width());
      height = positiveInt(swap ? par.width() : par.height());
    }
    return new StreamMetadata(
        index,
        string(av_get_media_type_string(type)),
        par.codec_id() == AV_CODEC_ID_NONE ? null : string(avcodec_get_name(par.codec_id())),
        par.bit_rate() > 0 ? par.bit_rate() : null,
        width,
        height,
        video ? string(av_get_pix_fmt_name(par.format())) : null,
        fpsFromHeader,
        framesFromHeader,
        durationFromHeader,
        beginFromHeader,
        beginFromContent,
        endFromContent,
        framesFromContent,
        duration,
        begin,
        end,
        frames,
        fps,
        video ? sampleAspectRatio(fmt, st) : null,
        video ? fieldOrder(par.field_order()) : null,
        rotation,
        video && par.color_space() != AVCOL_SPC_UNSPECIFIED ? string(av_color_space_name(par.color_space())) : null,
        video && par.color_primaries() != AVCOL_PRI_UNSPECIFIED
            ? string(av_color_primaries_name(par.color_primaries())) : null,
        video && par.color_trc() != AVCOL_TRC_UNSPECIFIED ? string(av_color_transfer_name(par.color_trc())) : null,
        time.toString(),
        audio ? positiveInt(par.sample_rate()) : null,
        audio ? positiveInt(par.ch_layout().nb_channels()) : null,
        audio ? string(av_get_sample_fmt_name(par.format())) : null);
  }

  /** As ffprobe reports it: the container's aspect where it gives one, else the codec's, reduced; or null. */
  private static String sampleAspectRatio(AVFormatContext fmt, AVStream st) {
    try (AVRational sar = av_guess_sample_aspect_ratio(fmt, st, null)) {
      return sar.num() > 0 && sar.den() > 0 ? sar.num() + "/" + sar.den() : null;
    }
  }

  /** ffprobe's names for AVFieldOrder. */
  static String fieldOrder(int order) {
    switch (order) {
      case AV_FIELD_PROGRESSIVE:
        return "progressive";
      case AV_FIELD_TT:
        return "tt";
      case AV_FIELD_BB:
        return "bb";
      case AV_FIELD_TB:
        return "tb";
      case AV_FIELD_BT:
        return "bt";
      default:
        return "unknown";
    }
  }

  private static Double rational(AVRational r) {
    return r.den() != 0 ? r.num() / (double) r.den() : null;
  }

  private static Double positive(Double d) {
    return d != null && d > 0 && Double.isFinite(d) ? d : null;
  }

  private static Integer positiveInt(int v) {
    return v > 0 ? v : null;
  }

  private static String string(BytePointer p) {
    return p == null || p.isNull() ? null : p.getString();
  }
}
