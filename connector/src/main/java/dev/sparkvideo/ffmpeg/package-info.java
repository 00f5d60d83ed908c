/**
 * The decoding core: a plain Java API over FFmpeg (Bytedeco's JavaCPP presets) with no Spark types.
 *
 * <p>{@link dev.sparkvideo.ffmpeg.VideoFile} opens a video from a {@link dev.sparkvideo.io.SeekableInput} through a
 * custom AVIOContext, reports {@link dev.sparkvideo.ffmpeg.VideoMetadata} with torchcodec's names, and hands out a
 * {@link dev.sparkvideo.ffmpeg.FrameReader} that yields {@link dev.sparkvideo.ffmpeg.VideoFrame}s in display order,
 * seeking by time through the container index. Every failure is a {@link dev.sparkvideo.ffmpeg.VideoException}
 * naming the file and FFmpeg's reason.
 */
package dev.sparkvideo.ffmpeg;
