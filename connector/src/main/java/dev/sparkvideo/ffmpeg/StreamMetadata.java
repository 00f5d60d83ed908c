package dev.sparkvideo.ffmpeg;

import java.io.Serializable;

/**
 * One stream's metadata, with torchcodec's names and meanings. {@code null} means unknown: never a 0 or NaN standing
 * in for a missing value. Fields that apply to one media type only are {@code null} for the others.
 *
 * @param streamIndex the stream's index in the container ({@code stream_index})
 * @param mediaType {@code video}, {@code audio}, {@code subtitle}, {@code data} or {@code attachment}
 * @param codec FFmpeg's codec name, e.g. {@code h264}, {@code hevc}, {@code av1}, {@code aac}; {@code null} for a
 *     stream FFmpeg has no codec for (a timecode track)
 * @param bitRate the stream's bit rate from the header, bits per second
 * @param width video: width of the decoded (and, when rotation applies, rotated) frames
 * @param height video: height of the decoded (and rotated) frames
 * @param pixelFormat video: FFmpeg's pixel format name, e.g. {@code yuv420p}
 * @param averageFpsFromHeader video: the frame rate the header gives (FFmpeg's {@code r_frame_rate})
 * @param numFramesFromHeader the frame count the header gives
 * @param durationSecondsFromHeader the stream duration the header gives
 * @param beginStreamSecondsFromHeader the stream start time the header gives
 * @param beginStreamSecondsFromContent exact mode: the smallest frame pts, in seconds
 * @param endStreamSecondsFromContent exact mode: the largest frame pts plus that frame's duration, in seconds
 * @param numFramesFromContent exact mode: the number of frames found by scanning every packet
 * @param durationSeconds best known duration: from content in exact mode, else from the header, else frames / fps,
 *     else the container's duration
 * @param beginStreamSeconds best known start: from content in exact mode, else from the header, else 0
 * @param endStreamSeconds best known end: from content in exact mode, else begin + duration
 * @param numFrames best known frame count: from content in exact mode, else from the header, else fps x duration
 * @param averageFps best known frame rate: frames / duration from content in exact mode, else from the header
 * @param pixelAspectRatio video: the sample aspect ratio as {@code num/den}, reduced, as ffprobe's
 *     {@code sample_aspect_ratio}: the container's where it gives one, else the codec's
 * @param fieldOrder video: how the frames are scanned, as ffprobe's {@code field_order}: {@code progressive},
 *     {@code tt} or {@code bb} (interlaced, top or bottom field first, coded and shown in that order), {@code tb} or
 *     {@code bt} (coded in one order, shown in the other), {@code unknown}
 * @param rotation video: the display matrix's rotation in degrees counter-clockwise (e.g. {@code -90.0}), as
 *     {@code av_display_rotation_get} reads it
 * @param colorSpace video: e.g. {@code bt709}
 * @param colorPrimaries video: e.g. {@code bt709}
 * @param colorTransferCharacteristic video: e.g. {@code bt709}
 * @param timeBase the unit of the stream's timestamps, as {@code num/den}
 * @param sampleRate audio: samples per second
 * @param numChannels audio: channel count
 * @param sampleFormat audio: FFmpeg's sample format name, e.g. {@code fltp}
 */
public record StreamMetadata(
    int streamIndex,
    String mediaType,
    String codec,
    Long bitRate,
    Integer width,
    Integer height,
    String pixelFormat,
    Double averageFpsFromHeader,
    Long numFramesFromHeader,
    Double durationSecondsFromHeader,
    Double beginStreamSecondsFromHeader,
    Double beginStreamSecondsFromContent,
    Double endStreamSecondsFromContent,
    Long numFramesFromContent,
    Double durationSeconds,
    Double beginStreamSeconds,
    Double endStreamSeconds,
    Long numFrames,
    Double averageFps,
    String pixelAspectRatio,
    String fieldOrder,
    Double rotation,
    String colorSpace,
    String colorPrimaries,
    String colorTransferCharacteristic,
    String timeBase,
    Integer sampleRate,
    Integer numChannels,
    String sampleFormat) implements Serializable {

  /** Whether this is a video stream. */
  public boolean isVideo() {
    return "video".equals(mediaType);
  }
}
