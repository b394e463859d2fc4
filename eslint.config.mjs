// Flat config: typescript-eslint's recommended rules plus Pulumi's own rules (@pulumi/eslint-plugin
// flags, e.g., Output values used in template strings instead of `pulumi.interpolate`).
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
  { ignores: ["node_modules/**", "bin/**", "plan/**", "**/*.js", "**/*.mjs", "policy-pack/.stryker-tmp/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-require-imports": "off",
    },
  },
);
