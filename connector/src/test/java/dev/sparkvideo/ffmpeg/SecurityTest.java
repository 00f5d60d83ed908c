package dev.sparkvideo.ffmpeg;

import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
