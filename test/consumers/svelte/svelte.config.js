// Svelte 5 reads <script lang="ts"> itself (types are stripped): no preprocessor needed.
export default {};
