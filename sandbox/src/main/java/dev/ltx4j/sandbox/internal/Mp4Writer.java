package dev.ltx4j.sandbox.internal;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.AudioCodecMeta;
import org.jcodec.common.AudioFormat;
import org.jcodec.common.Codec;
import org.jcodec.common.MuxerTrack;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.containers.mp4.muxer.MP4Muxer;
import org.jcodec.scale.AWTUtil;
import org.jcodec.scale.ColorUtil;
import org.jcodec.scale.Transform;

/**
 * Writes an MP4 with jcodec's H.264 encoder and MP4 muxer, and optionally an AAC track made by looping a bundled
 * one-second ADTS tone (jcodec has no AAC encoder; AAC, unlike PCM, plays in browsers too).
 */
final class Mp4Writer {
  private static final int AAC_SAMPLES_PER_FRAME = 1024;
  private static final int AUDIO_RATE = 48_000;

  private Mp4Writer() {}

  /** Draws frame {@code i} into {@code image} through {@code draw}, encodes it, and muxes everything into {@code file}. */
  static void write(Path file, BufferedImage image, int frames, int fps, boolean audio, IntConsumer draw)
      throws IOException {
    int width = image.getWidth();
    int height = image.getHeight();
    try (SeekableByteChannel out = NIOUtils.writableChannel(file.toFile())) {
      MP4Muxer muxer = MP4Muxer.createMP4MuxerToChannel(out);
      MuxerTrack video = muxer.addVideoTrack(Codec.H264,
          VideoCodecMeta.createSimpleVideoCodecMeta(new Size(width, height), ColorSpace.YUV420J));
      H264Encoder encoder = H264Encoder.createH264Encoder();
      Transform toYuv = ColorUtil.getTransform(ColorSpace.RGB, ColorSpace.YUV420J);
      Picture yuv = Picture.create(width, height, ColorSpace.YUV420J);
      ByteBuffer buffer = ByteBuffer.allocate(width * height * 6);
      for (int frame = 0; frame < frames; frame++) {
        draw.accept(frame);
        toYuv.transform(AWTUtil.fromBufferedImageRGB(image), yuv);
        buffer.clear();
        VideoEncoder.EncodedFrame encoded = encoder.encodeFrame(yuv, buffer);
        video.addFrame(Packet.createPacket(encoded.getData(), frame, fps, 1, frame,
            encoded.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null));
      }
      if (audio) {
        MuxerTrack sound = muxer.addAudioTrack(Codec.AAC, AudioCodecMeta.fromAudioFormat(AudioFormat.MONO_48K_S16_LE));
        List<ByteBuffer> tone = adtsFrames();
        long needed = (long) frames * AUDIO_RATE / fps / AAC_SAMPLES_PER_FRAME;
        for (int i = 0; i < needed; i++) {
          sound.addFrame(Packet.createPacket(tone.get(i % tone.size()).duplicate(), (long) i * AAC_SAMPLES_PER_FRAME,
              AUDIO_RATE, AAC_SAMPLES_PER_FRAME, i, Packet.FrameType.KEY, null));
        }
      }
      muxer.finish();
    }
  }

  /** The bundled tone split into its ADTS frames (each keeps its 7-byte header: the muxer reads and strips it). */
  private static List<ByteBuffer> adtsFrames() throws IOException {
    byte[] bytes;
    try (InputStream in = Mp4Writer.class.getResourceAsStream("tone-48k-mono.aac")) {
      if (in == null) {
        throw new IOException("the bundled tone-48k-mono.aac is missing");
      }
      bytes = in.readAllBytes();
    }
    List<ByteBuffer> frames = new ArrayList<>();
    int offset = 0;
    while (offset + 7 <= bytes.length) {
      int length = ((bytes[offset + 3] & 0x03) << 11) | ((bytes[offset + 4] & 0xFF) << 3) | ((bytes[offset + 5] & 0xE0) >> 5);
      frames.add(ByteBuffer.wrap(bytes, offset, length).slice());
      offset += length;
    }
    return frames;
  }
}
