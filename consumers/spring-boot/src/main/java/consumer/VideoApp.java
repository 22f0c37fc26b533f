package consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application that uses the LtxClient the starter provides. */
@SpringBootApplication
public class VideoApp {
  public static void main(String[] args) {
    SpringApplication.run(VideoApp.class, args);
  }
}
