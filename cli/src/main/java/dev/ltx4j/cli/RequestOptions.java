package dev.ltx4j.cli;

import dev.ltx4j.Assets;
import dev.ltx4j.InvalidRequestException;
import dev.ltx4j.LtxRequest;
import dev.ltx4j.RequestParameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * One option per parameter of {@link LtxRequest#parameters()} (so, of the spec), for the commands that mix these in;
 * the required parameters (the prompt) are the commands' own positional parameters. The values go through
 * {@link LtxRequest.Builder#set(String, Object)} like a batch line's fields, so both report faults alike.
 */
@CommandLine.Command // a mixin picocli accepts; its options are added by install(), not declared here
final class RequestOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** Stands for a frame image's asset id before its upload. */
  private static final String PENDING_UPLOAD = "asset_pending";

  /** Adds the parameters' options to every command of {@code root} that mixes these options in. */
  static CommandLine install(CommandLine root) {
    CommandSpec command = root.getCommandSpec();
    if (command.mixins().values().stream().anyMatch(mixin -> mixin.userObject() instanceof RequestOptions)) {
      for (RequestParameter parameter : LtxRequest.parameters()) {
        if (!parameter.required()) {
          command.addOption(option(parameter));
        }
      }
    }
    root.getSubcommands().values().forEach(RequestOptions::install);
    return root;
  }

  private static OptionSpec option(RequestParameter parameter) {
    OptionSpec.Builder option = OptionSpec.builder(parameter.flag()).description(help(parameter));
    switch (parameter.kind()) {
      case BOOLEAN -> option.type(boolean.class).arity("0");
      case WHOLE_NUMBER -> option.type(Integer.class).paramLabel(label(parameter));
      default -> option.type(String.class).paramLabel(parameter.upload() ? "IMAGE" : label(parameter));
    }
    return option.build();
  }

  private static String label(RequestParameter parameter) {
    return parameter.optionName().toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static String help(RequestParameter parameter) {
    StringBuilder help = new StringBuilder();
    if (parameter.kind() == RequestParameter.Kind.BOOLEAN && parameter.flag().startsWith("--no-")) {
      help.append("Sets ").append(parameter.name()).append(" to false: ");
    }
    if (parameter.upload()) {
      help.append("An image file (uploaded first) or an asset_… id. ");
    }
    help.append(parameter.description().replace("`", ""));
    if (parameter.kind() == RequestParameter.Kind.CHOICE) {
      help.append(" One of: ").append(parameter.allowed()).append('.');
    }
    if (parameter.defaultValue() != null && !parameter.description().toLowerCase(Locale.ROOT).contains("default")) {
      help.append(" Default: ").append(parameter.defaultValue()).append('.');
    }
    return help.toString();
  }

  /** Checks every value without sending anything; image files are only checked to exist. */
  LtxRequest check(String prompt) {
    return inFlags(() -> RequestFields.toRequest(fields(prompt, file -> PENDING_UPLOAD)));
  }

  /** Uploads the frame images given as files, then builds the request with their asset ids. */
  LtxRequest uploadFramesAndBuild(String prompt, Assets assets) {
    return inFlags(() -> RequestFields.toRequest(fields(prompt, assets::uploadImage)));
  }

  /** Looks up the frames given as asset ids: one the project does not have would be paid for, then fail. */
  void requireFrameAssets(Assets assets) {
    for (RequestParameter parameter : LtxRequest.parameters()) {
      Object value = value(parameter);
      if (!parameter.upload() || !(value instanceof String id) || !id.startsWith("asset_")) {
        continue;
      }
      try {
        assets.get(id);
      } catch (dev.ltx4j.ApiException e) {
        if (e.statusCode() == 404) {
          throw new InvalidRequestException(parameter.name(), parameter.flag() + " " + id + ": no such asset in this "
              + "project (ltx4j upload FILE gives an asset id, or give the image file itself)");
        }
        throw e;
      }
    }
  }

  private @Nullable Object value(RequestParameter parameter) {
    OptionSpec option = spec.findOption(parameter.flag());
    return option == null ? null : option.getValue();
  }

  /**
   * The request's own refusal, with the parameters it names written as the flags that set them; a value that came
   * from the config file rather than the command line is named as such (exit 3).
   */
  private LtxRequest inFlags(java.util.function.Supplier<LtxRequest> build) {
    try {
      return build.get();
    } catch (InvalidRequestException e) {
      String message = String.valueOf(e.getMessage()).replace(" '" + PENDING_UPLOAD + "'", "");
      for (RequestParameter parameter : LtxRequest.parameters()) {
        if (!parameter.required()) {
          message = message.replaceAll("\"?\\b" + parameter.name() + "\\b\"?", parameter.flag());
        }
      }
      RequestParameter at = LtxRequest.parameters().stream().filter(p -> p.name().equals(e.parameter())).findFirst()
          .orElse(null);
      Optional<Path> config = at == null || at.required() || value(at) == null || Boolean.FALSE.equals(value(at))
          ? Optional.empty() : configFileOf(at);
      if (config.isPresent()) {
        throw new CommandException(ExitCodes.CONFIGURATION, message + " (set in the config file " + config.get()
            + ", not on the command line)");
      }
      throw new InvalidRequestException(e.parameter(), message);
    }
  }

  /** The config file that set {@code parameter}'s option, when it rather than the command line did. */
  private Optional<Path> configFileOf(RequestParameter parameter) {
    OptionSpec option = spec.findOption(parameter.flag());
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (option == null || parsed == null) {
      return Optional.empty();
    }
    return ConfigFile.of(spec).filter(file -> file.keyOf(option, parsed.originalArgs()).isPresent())
        .map(ConfigFile::path);
  }

  /** The options by parameter name; {@code upload} turns a frame image file into an asset id. */
  private Map<String, Object> fields(String prompt, Function<Path, String> upload) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("prompt", prompt);
    for (RequestParameter parameter : LtxRequest.parameters()) {
      Object value = parameter.required() ? null : value(parameter);
      if (value == null || Boolean.FALSE.equals(value)) {
        continue; // not given (a flag left off keeps the service's default)
      }
      if (value instanceof Boolean) {
        value = !parameter.flag().startsWith("--no-");
      } else if (parameter.kind() == RequestParameter.Kind.CHOICE) {
        value = spelling(parameter, (String) value);
      } else if (parameter.upload()) {
        value = image(parameter, (String) value, upload);
      }
      fields.put(parameter.name(), value);
    }
    return fields;
  }

  /** The API's spelling of a choice typed in any case, when only one matches; else as typed, to be refused. */
  private static String spelling(RequestParameter parameter, String typed) {
    List<String> matches = new ArrayList<>();
    for (String choice : parameter.choices()) {
      if (choice.equalsIgnoreCase(typed)) {
        matches.add(choice);
      }
    }
    return matches.size() == 1 ? matches.get(0) : typed;
  }

  private static String image(RequestParameter parameter, String value, Function<Path, String> upload) {
    if (value.startsWith("asset_")) {
      return value;
    }
    Path file = Path.of(value);
    if (!Files.isRegularFile(file)) {
      throw new InvalidRequestException(parameter.name(), parameter.flag() + " " + value
          + ": no such file (or give an asset_… id from ltx4j upload)");
    }
    return upload.apply(file);
  }
}
