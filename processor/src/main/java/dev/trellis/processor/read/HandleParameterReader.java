package dev.trellis.processor.read;

import com.palantir.javapoet.ClassName;
import dev.trellis.processor.Diagnostics;
import dev.trellis.processor.ErrorMessages;
import dev.trellis.processor.RuntimeNames;
import dev.trellis.processor.model.HandleParameter;
import java.util.Optional;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Turns a constructor parameter into an edge of the graph. A handle parameter's type may not exist
 * yet: handles are generated in the same round as the deployments that use them, so an unresolved
 * {@code GreeterHandle} is matched by name to the {@code Greeter} deployment it will be generated for.
 */
final class HandleParameterReader {

    private static final String HANDLE_SUFFIX = "Handle";

    private final Elements elements;
    private final Diagnostics diagnostics;

    HandleParameterReader(Elements elements, Diagnostics diagnostics) {
        this.elements = elements;
        this.diagnostics = diagnostics;
    }

    /** The edge for {@code parameter}, or empty after reporting why it is not one. */
    Optional<HandleParameter> read(VariableElement parameter, TypeElement owner) {
        TypeMirror type = parameter.asType();
        String written = type.toString();
        Optional<String> targetName = handleTargetName(type, owner);
        if (targetName.isEmpty()) {
            if (type.getKind() != TypeKind.ERROR) {
                diagnostics.error(ErrorMessages.notAHandle(
                        parameter.getSimpleName().toString(), owner.getSimpleName().toString(), written),
                        parameter);
            }
            // An unresolved type that cannot be a handle is reported by javac itself.
            return Optional.empty();
        }
        TypeElement target = elements.getTypeElement(targetName.get());
        if (target == null || !AnnotationReader.isPresent(target, AnnotationNames.DEPLOYMENT)) {
            diagnostics.error(ErrorMessages.unknownDeployment(parameter.getSimpleName().toString(),
                    owner.getSimpleName().toString(), simpleName(written), simpleName(targetName.get())),
                    parameter);
            return Optional.empty();
        }
        return Optional.of(new HandleParameter(
                parameter.getSimpleName().toString(), ClassName.get(target), parameter));
    }

    /**
     * The qualified name of the deployment a handle type stands for, or empty if the type is not a
     * handle: a generated handle extends the runtime's {@code DeploymentHandle}; one not generated yet
     * is an unresolved type named {@code <Deployment>Handle}.
     */
    private Optional<String> handleTargetName(TypeMirror type, TypeElement owner) {
        if (type.getKind() == TypeKind.DECLARED) {
            TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
            if (!extendsDeploymentHandle(element)) {
                return Optional.empty();
            }
            return Optional.of(stripSuffix(element.getQualifiedName().toString()));
        }
        if (type.getKind() == TypeKind.ERROR) {
            String written = type.toString();
            if (!written.endsWith(HANDLE_SUFFIX) || written.length() == HANDLE_SUFFIX.length()) {
                return Optional.empty();
            }
            String target = stripSuffix(written);
            if (target.contains(".")) {
                return Optional.of(target);
            }
            return Optional.of(qualifiedInPackageOf(owner, target));
        }
        return Optional.empty();
    }

    private static boolean extendsDeploymentHandle(TypeElement element) {
        TypeMirror superclass = element.getSuperclass();
        if (superclass.getKind() != TypeKind.DECLARED) {
            return false;
        }
        TypeElement parent = (TypeElement) ((DeclaredType) superclass).asElement();
        return parent.getQualifiedName().contentEquals(RuntimeNames.DEPLOYMENT_HANDLE.canonicalName());
    }

    private String qualifiedInPackageOf(TypeElement owner, String simpleName) {
        PackageElement pkg = elements.getPackageOf(owner);
        return pkg.isUnnamed() ? simpleName : pkg.getQualifiedName() + "." + simpleName;
    }

    private static String stripSuffix(String name) {
        return name.substring(0, name.length() - HANDLE_SUFFIX.length());
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

}
