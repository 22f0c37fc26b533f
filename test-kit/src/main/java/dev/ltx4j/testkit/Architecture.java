package dev.ltx4j.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The structure every module's main code keeps, checked from its compiled classes (so generated code counts too):
 * no import loop between top-level classes, no internal type in a public signature, outside the client no use of the
 * client's internals, no static state, a facade only its entry points hold. A module's {@code ArchitectureTest} runs
 * those that apply over its own {@code target/classes}.
 */
public final class Architecture {
  private static final String INTERNAL = "..internal..";

  private Architecture() {}

  /** This module's main classes, as the build compiled them (tests run from the module's folder). */
  public static JavaClasses mainClasses() {
    return new ClassFileImporter().importPath(Path.of("target", "classes"));
  }

  /**
   * No two top-level classes (each with its nested ones) depend on each other, directly or around a loop. A class's
   * builder ({@code FooBuilder} beside {@code Foo}) counts as part of it: each names the other by design.
   */
  public static ArchRule noLoopsBetweenClasses() {
    return SlicesRuleDefinition.slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        JavaClass top = javaClass;
        while (top.getEnclosingClass().isPresent()) {
          top = top.getEnclosingClass().get();
        }
        String name = top.getName();
        return SliceIdentifier.of(name.endsWith("Builder") ? name.substring(0, name.length() - "Builder".length())
            : name);
      }

      @Override
      public String getDescription() {
        return "top-level classes";
      }
    }).should().beFreeOfCycles();
  }

  /**
   * A public type outside an {@code internal} package names no internal type in what callers see: its supertypes,
   * public or protected fields, constructors and methods (parameters, results, exceptions, type arguments).
   */
  public static ArchRule noInternalTypeInPublicSignatures() {
    return classes().that().arePublic().and().resideOutsideOfPackage(INTERNAL)
        .should(new ArchCondition<JavaClass>("name no internal type in a public signature") {
          @Override
          public void check(JavaClass type, ConditionEvents events) {
            List<String> leaks = new ArrayList<>();
            type.getRawSuperclass().filter(Architecture::internal)
                .ifPresent(s -> leaks.add("extends " + s.getName()));
            type.getRawInterfaces().stream().filter(Architecture::internal)
                .forEach(i -> leaks.add("implements " + i.getName()));
            for (JavaField field : type.getFields()) {
              if (visible(field.getModifiers())) {
                involved(field.getType(), "field " + field.getName(), leaks);
              }
            }
            for (JavaCodeUnit unit : type.getCodeUnits()) {
              if (!visible(unit.getModifiers()) || unit.getName().startsWith("lambda$")) {
                continue;
              }
              involved(unit.getReturnType(), unit.getFullName() + " returns", leaks);
              unit.getParameterTypes().forEach(p -> involved(p, unit.getFullName() + " takes", leaks));
              unit.getExceptionTypes().stream().filter(Architecture::internal)
                  .forEach(e -> leaks.add(unit.getFullName() + " throws " + e.getName()));
            }
            leaks.forEach(leak -> events.add(SimpleConditionEvent.violated(type, type.getName() + ": " + leak)));
          }
        });
  }

  /**
   * Only the client's facade package ({@code dev.ltx4j}, which wires them) and the internals themselves use
   * {@code dev.ltx4j.internal}: what another package or module needs is public API.
   */
  public static ArchRule onlyTheFacadeUsesTheClientsInternals() {
    return noClasses().that().resideOutsideOfPackages("dev.ltx4j", "dev.ltx4j.internal..")
        .should().dependOnClassesThat().resideInAPackage("dev.ltx4j.internal..");
  }

  /** No static field can be changed: state belongs to instances, so that two of them never share it by accident. */
  public static ArchRule noStaticMutableFields() {
    return fields().that().areStatic()
        .and().doNotHaveName("$VALUES").should().beFinal();
  }

  /**
   * Only {@code facade} itself (with its nested types) and {@code entryPoints} use {@code facade}: the parts it wires
   * get what they need from it, never the facade.
   */
  public static ArchRule onlyEntryPointsUse(String facade, String... entryPoints) {
    return noClasses().that().doNotHaveFullyQualifiedName(facade)
        .and(DescribedPredicate.describe("are not " + facade + "'s nested types or entry points",
            (JavaClass c) -> !c.getName().startsWith(facade + "$") && !List.of(entryPoints).contains(c.getName())))
        .should().dependOnClassesThat().haveFullyQualifiedName(facade);
  }

  private static void involved(JavaType type, String where, List<String> leaks) {
    type.getAllInvolvedRawTypes().stream().filter(Architecture::internal)
        .forEach(raw -> leaks.add(where + " " + raw.getName()));
  }

  private static boolean internal(JavaClass type) {
    return type.getPackageName().contains(".internal");
  }

  private static boolean visible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }
}
