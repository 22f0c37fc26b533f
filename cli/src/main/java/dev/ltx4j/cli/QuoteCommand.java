package dev.ltx4j.cli;

import dev.ltx4j.Quote;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "quote", mixinStandardHelpOptions = true,
    description = "Quote what a generation would cost (a dry run: no job, no cost).",
    footer = {"%nExamples:", "  ltx4j quote \"A fantasy landscape\" --resolution 4k", "  ltx4j quote --sandbox \"A test\" --json"})
final class QuoteCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin RequestOptions request;

  @Parameters(index = "0", paramLabel = "PROMPT", description = "What the video shows.")
  String prompt;

  @Override
  public Integer call() {
    request.check(prompt);
    try (Backend backend = common.open()) {
      Quote quote = backend.client().quote(request.uploadFramesAndBuild(prompt, backend.client().assets()));
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("creativeUnitsCost", quote.creativeUnitsCost());
      result.put("creativeUnitsDiscount", quote.creativeUnitsDiscount());
      common.output().result(quote.creativeUnitsCost() + " creative units"
          + (quote.creativeUnitsDiscount() > 0 ? " (" + quote.creativeUnitsDiscount() + " discounted)" : ""), result);
      return ExitCodes.OK;
    }
  }
}
