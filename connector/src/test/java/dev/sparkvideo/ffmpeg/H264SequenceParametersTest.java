package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FfmpegCommandLine;
import dev.sparkvideo.testing.FfmpegCommandLine.TracedElement;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.UserVideos;
import dev.sparkvideo.testing.UserVideos.Video;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sequence parameter set as read from a stream's codec configuration ({@code avcC} in MP4 and Matroska, Annex B
 * parameter sets in MPEG-TS) has the fields FFmpeg's own parser ({@code trace_headers}) finds there.
 */
class H264SequenceParametersTest {
  static Stream<Video> h264() {
    List<Video> out = new ArrayList<>();
    for (VideoSpec spec : List.of(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END),
        VideoSpec.of(Codec.H264, Container.MKV), VideoSpec.of(Codec.H264, Container.MPEG_TS))) {
      out.add(new Video(spec.fileName(), Fixtures.video(spec), 0));
    }
    UserVideos.conformance().stream().filter(v -> v.name().startsWith("h264") || v.name().startsWith("bt709")
        || v.name().startsWith("var_fps")).forEach(out::add);
    out.addAll(UserVideos.h264WithoutContainerReorderDepth());
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("h264")
  void fieldsAreWhatFfmpegsParserReads(Video video) {
    Map<String, Long> reference = new HashMap<>();
    for (TracedElement e : FfmpegCommandLine.get().sequenceParameterSet(video.file(), video.stream())) {
      reference.putIfAbsent(e.name(), e.value());
    }
    H264SequenceParameters sps;
    try (SeekableInput in = Fixtures.open(video.file()); Demuxer demuxer = Demuxer.open(in, 1 << 16)) {
      AVCodecParameters par = demuxer.context().streams(video.stream()).codecpar();
      byte[] extradata = new byte[par.extradata_size()];
      par.extradata().get(extradata);
      sps = H264SequenceParameters.fromExtradata(extradata).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(reference.get("frame_mbs_only_flag") == 1, sps.progressive(), video + ": frame_mbs_only_flag");
    assertEquals(reference.getOrDefault("bit_depth_luma_minus8", 0L) + 8, sps.bitDepth(), video + ": bit depth");
    assertEquals(reference.getOrDefault("chroma_format_idc", 1L).intValue(), sps.chromaFormatIdc(),
        video + ": chroma_format_idc");
    assertEquals((reference.get("pic_width_in_mbs_minus1") + 1) * 16, sps.codedWidth(), video + ": coded width");
    boolean restricted = reference.getOrDefault("bitstream_restriction_flag", 0L) == 1;
    assertEquals(restricted ? reference.get("max_num_reorder_frames").intValue() : -1, sps.reorderFrames(),
        video + ": the declared reorder depth");
    assertTrue(!video.name().contains("undeclared") || !restricted, video + ": the restriction was removed");
  }
}
