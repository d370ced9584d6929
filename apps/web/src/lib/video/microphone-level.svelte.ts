/**
 * How loud the microphone is now, 0 to 1, for the test before a sitting: a bar that moves
 * when someone speaks at the point says the sound is reaching the computer.
 */
export class MicrophoneLevel {
  level = $state(0);
  readonly #context: AudioContext;
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(stream: MediaStream) {
    this.#context = new AudioContext();
    const analyser = this.#context.createAnalyser();
    analyser.fftSize = 512;
    this.#context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    this.#timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      // The root mean square, scaled so ordinary speech fills most of the bar.
      this.level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
    }, 200);
  }

  stop(): void {
    clearInterval(this.#timer);
    void this.#context.close();
  }
}
