package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.Mp4Boxes;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.junit.jupiter.api.Test;

/**
 * FFmpeg reads only through the bridge: files that would make it open other files or URLs (playlists, concat lists,
 * session descriptions) are refused, even when they point at a real video and are named like one.
 */
class SecurityTest {
  private static final Path DIR = Fixtures.scratch("security");
  private static final Path REAL_TS = Fixtures.video(VideoSpec.of(Codec.H264, Container.MPEG_TS));
  private static final Path REAL_MP4 = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_FASTSTART));
  private static final Path MOOV_AT_END = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END));
  private static final List<String> DREF_PATH = List.of("moov", "trak", "mdia", "minf", "dinf", "dref");

  private static VideoException refused(String name, String content) throws IOException {
    Path file = Files.writeString(DIR.resolve(name), content);
    try (SeekableInput in = Fixtures.open(file)) {
      VideoException e = assertThrows(VideoException.class, () -> {
        try (VideoFile video = VideoFile.open(in); FrameReader frames = video.frames()) {
          frames.next();
        }
      });
      assertTrue(e.getMessage().contains(name), e.getMessage());
      return e;
    } finally {
      assertEquals(0, AvioBridge.openChannels());
    }
  }

  @Test
  void hlsPlaylistDisguisedAsMp4IsRefused() throws IOException {
    VideoException e = refused("playlist.mp4", "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n"
        + "#EXTINF:1.2,\n" + REAL_TS.toUri() + "\n#EXTINF:1.2,\n" + REAL_TS + "\n#EXT-X-ENDLIST\n");
    // FFmpeg itself does not take a playlist named .mp4 for HLS; either way nothing is opened and no frame comes.
    assertTrue(e.getMessage().contains("not allowed") || e.getMessage().contains("Invalid data"), e.getMessage());
  }

  @Test
  void hlsPlaylistNamedAsOneIsRefused() throws IOException {
    VideoException e = refused("playlist.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:1.2,\n" + REAL_TS
        + "\n#EXT-X-ENDLIST\n");
    assertTrue(e.getMessage().contains("'hls' is not allowed"), e.getMessage());
  }

  @Test
  void concatListIsRefused() throws IOException {
    VideoException e = refused("list.mp4", "ffconcat version 1.0\nfile '" + REAL_MP4 + "'\nfile '" + REAL_MP4
        + "'\n");
    assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
  }

  @Test
  void sessionDescriptionIsRefused() throws IOException {
    VideoException e = refused("stream.mp4", "v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\n"
        + "m=video 5004 RTP/AVP 96\na=rtpmap:96 H264/90000\n");
    assertTrue(e.getMessage().contains("not allowed"), e.getMessage());
  }

  @Test
  void nestedOpensAreRefusedEvenWhenAPlaylistDemuxerRuns() throws IOException {
    // Force the HLS demuxer past our probe to check the last line of defence: every nested open fails.
    Path playlist = Files.writeString(DIR.resolve("forced.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:1.2,\n"
        + REAL_TS + "\n#EXT-X-ENDLIST\n");
    try (SeekableInput in = Fixtures.open(playlist); AvioBridge.Channel channel = AvioBridge.open(in, 4096)) {
      AVFormatContext ctx = avformat_alloc_context();
      ctx.pb(channel.context());
      ctx.flags(ctx.flags() | AVFormatContext.AVFMT_FLAG_CUSTOM_IO);
      AvioBridge.refuseNestedOpens(ctx, channel);
      AVInputFormat hls = av_find_input_format("hls");
      int ret = avformat_open_input(ctx, playlist.toString(), hls, (AVDictionary) null);
      assertTrue(ret < 0, "the playlist cannot be opened: " + ret);
      assertNotNull(channel.refusedUrl(), "the demuxer tried to open a segment and was refused");
      assertTrue(channel.refusedUrl().contains(REAL_TS.getFileName().toString()), channel.refusedUrl());
    }
  }

  /** An MP4 whose only track keeps its media in {@code other.mp4} beside it (a real video, so opening it would work). */
  private static Path externallyReferencing(String name) throws IOException {
    Files.copy(REAL_MP4, DIR.resolve("other.mp4"), StandardCopyOption.REPLACE_EXISTING);
    byte[] crafted = Mp4Boxes.replace(Files.readAllBytes(MOOV_AT_END), DREF_PATH,
        Mp4Boxes.aliasDataReference("other.mp4"));
    return Files.write(DIR.resolve(name), crafted);
  }

  @Test
  void externalDataReferencesAreNeverFollowed() throws IOException {
    Path file = externallyReferencing("dref.mp4");
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in)) {
      assertEquals(30L, video.metadata().streams().get(0).numFramesFromHeader(), "the header describes the track");
      assertNull(video.indexedFrameCount(0), "an index of media held elsewhere does not count this file's frames");
      try (FrameReader frames = video.frames()) {
        VideoException e = assertThrows(VideoException.class, frames::next);
        assertTrue(e.getMessage().contains("dref.mp4") && e.getMessage().contains("external data reference"),
            e.getMessage());
      }
      assertTrue(video.readStatistics().bytesRead() <= Files.size(file), "only the file itself was read");
    } finally {
      assertEquals(0, AvioBridge.openChannels());
    }
  }

  @Test
  void dataReferenceOpensAreRefusedEvenWhenFFmpegWouldFollowThem() throws IOException {
    // Turn on enable_drefs past our options to check the last line of defence: FFmpeg tries the open, io_open refuses.
    Path file = externallyReferencing("dref-forced.mp4");
    try (SeekableInput in = Fixtures.open(file); AvioBridge.Channel channel = AvioBridge.open(in, 4096)) {
      AVFormatContext ctx = avformat_alloc_context();
      ctx.pb(channel.context());
      ctx.flags(ctx.flags() | AVFormatContext.AVFMT_FLAG_CUSTOM_IO);
      AvioBridge.refuseNestedOpens(ctx, channel);
      AVDictionary options = new AVDictionary(null);
      av_dict_set(options, "enable_drefs", "1", 0);
      try {
        assertEquals(0, avformat_open_input(ctx, file.toString(), null, options), "the header itself is valid");
        assertNotNull(channel.refusedUrl(), "FFmpeg tried to open the referenced file and was refused");
        assertTrue(channel.refusedUrl().endsWith("other.mp4"), channel.refusedUrl());
      } finally {
        av_dict_free(options);
        avformat_close_input(ctx);
      }
    }
  }
}
