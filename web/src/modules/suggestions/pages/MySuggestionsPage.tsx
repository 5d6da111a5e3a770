import { SuggestionList } from '../components/SuggestionList';

/** A handling unit's suggestions still to answer (我的待办建议). */
export default function MySuggestionsPage() {
  return <SuggestionList mine />;
}
